#include "site/pieced_file.hpp"

#include <utility>

namespace review::site {

PiecedFile::PiecedFile(std::string path, const PageCache& previous_build, const SiteOutput& out)
    : m_path(std::move(path)) {
  const PageCache::KeptPieces* kept = previous_build.pieces_of(m_path);
  if (kept == nullptr || !out.previous_is(m_path, kept->stamp)) return;
  m_previous_stamp = kept->stamp;
  m_previous.reserve(kept->pieces.size());
  std::uint64_t offset = 0;
  for (const FilePiece& piece : kept->pieces) {
    // Two pieces made from the same inputs hold the same bytes: either will do.
    m_previous.try_emplace(piece.digest, Range{offset, piece.length});
    offset += piece.length;
  }
}

bool PiecedFile::reuse(const PageDigest& digest) {
  const auto found = m_previous.find(digest);
  if (found == m_previous.end()) return false;
  const Range range = found->second;
  m_pieces.push_back({digest, range.length});
  if (range.length == 0) return true;
  // Pieces that follow each other in the previous file are copied in one go.
  if (!m_parts.empty() && m_parts.back().length > 0 &&
      m_parts.back().offset + m_parts.back().length == range.offset) {
    m_parts.back().length += range.length;
  } else {
    m_parts.push_back({std::string(), range.offset, range.length});
  }
  return true;
}

// Each new piece stays a part of its own, written with the others in one writev:
// joining 16 MiB of lines into one string cost more than making them.
void PiecedFile::append(const PageDigest& digest, std::string bytes) {
  m_pieces.push_back({digest, bytes.size()});
  m_parts.push_back({std::move(bytes), 0, 0});
}

void PiecedFile::add(const PageDigest& digest, std::string_view bytes) {
  if (!reuse(digest)) append(digest, std::string(bytes));
}

std::pair<std::string, FilePieces> PiecedFile::write(SiteOutput& out) && {
  const bool whole_previous =
      m_parts.size() == 1 && m_parts.front().length > 0 && m_parts.front().offset == 0 &&
      static_cast<std::int64_t>(m_parts.front().length) == m_previous_stamp.size;
  // Linked when it is the previous file whole: no byte copied.
  if (!whole_previous || !out.reuse(m_path, m_previous_stamp))
    out.write_parts(m_path, std::move(m_parts));
  return {std::move(m_path), std::move(m_pieces)};
}

} // namespace review::site
