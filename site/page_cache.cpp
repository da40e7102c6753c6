#include "site/page_cache.hpp"

#include "core/byte_codec.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "site/output.hpp"

#include <sys/stat.h>
#include <xxhash.h>

#include <optional>

namespace review::site {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_magic = "review page cache 2\n";
// A path, a digest and a stamp: a count beyond what is left is damage.
constexpr std::size_t k_min_entry_bytes = 4 + 8 + 8 + 8 + 8;
// A path, a stamp and a count of pieces; a piece is a digest and a length.
constexpr std::size_t k_min_pieced_bytes = 4 + 8 + 8 + 4;
constexpr std::size_t k_piece_bytes = 8 + 8 + 8;

// The output folder as it is now: each build swaps a new folder into place, so its
// device and inode change with every build and with anything else that replaces it.
std::optional<std::pair<std::uint64_t, std::uint64_t>> folder_identity(const fs::path& out) {
  struct stat info {};
  if (::stat(out.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return std::nullopt;
  return std::pair{static_cast<std::uint64_t>(info.st_dev),
                   static_cast<std::uint64_t>(info.st_ino)};
}

} // namespace

PageDigest digest_of(std::string_view bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return {hash.low64, hash.high64};
}

PageCache PageCache::read(const fs::path& file, const fs::path& out,
                          std::string_view config_bytes) {
  PageCache cache;
  const auto identity = folder_identity(out);
  if (file.empty() || !identity) return cache;
  std::string contents;
  try {
    contents = core::read_file(file);
  } catch (const core::Error&) {
    return cache; // none yet, or unreadable: render every page
  }
  core::ByteReader reader(contents);
  if (!core::read_cache_header(reader, k_magic)) return cache;
  const auto kept_out = reader.get_text();
  const auto device = reader.get<std::uint64_t>();
  const auto inode = reader.get<std::uint64_t>();
  const auto config_low = reader.get<std::uint64_t>();
  const auto config_high = reader.get<std::uint64_t>();
  const auto count = reader.get<std::uint32_t>();
  const PageDigest config = digest_of(config_bytes);
  if (kept_out != out.string() || device != identity->first || inode != identity->second ||
      config_low != config.low || config_high != config.high || !count ||
      *count > reader.left() / k_min_entry_bytes)
    return cache;
  std::unordered_map<std::string, Kept> pages;
  pages.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto page = reader.get_text();
    const auto low = reader.get<std::uint64_t>();
    const auto high = reader.get<std::uint64_t>();
    const auto size = reader.get<std::int64_t>();
    const auto modified = reader.get<std::int64_t>();
    if (!page || !low || !high || !size || !modified) return cache;
    pages.emplace(std::move(*page), Kept{{*low, *high}, {*size, *modified}});
  }
  const auto pieced_count = reader.get<std::uint32_t>();
  if (!pieced_count || *pieced_count > reader.left() / k_min_pieced_bytes) return cache;
  std::unordered_map<std::string, KeptPieces> pieced;
  for (std::uint32_t i = 0; i < *pieced_count; ++i) {
    auto path = reader.get_text();
    const auto size = reader.get<std::int64_t>();
    const auto modified = reader.get<std::int64_t>();
    const auto pieces = reader.get<std::uint32_t>();
    if (!path || !size || !modified || !pieces || *pieces > reader.left() / k_piece_bytes)
      return cache;
    KeptPieces kept{{*size, *modified}, {}};
    kept.pieces.reserve(*pieces);
    std::uint64_t total = 0;
    for (std::uint32_t p = 0; p < *pieces; ++p) {
      const auto low = reader.get<std::uint64_t>();
      const auto high = reader.get<std::uint64_t>();
      const auto length = reader.get<std::uint64_t>();
      if (!low || !high || !length) return cache;
      kept.pieces.push_back({{*low, *high}, *length});
      total += *length;
    }
    // Pieces that do not add up to the file describe some other file.
    if (total != static_cast<std::uint64_t>(*size)) return cache;
    pieced.emplace(std::move(*path), std::move(kept));
  }
  if (!reader.at_end()) return cache;
  cache.m_pages = std::move(pages);
  cache.m_pieced = std::move(pieced);
  return cache;
}

void PageCache::write(const fs::path& file, const fs::path& out, std::string_view config_bytes,
                      const PageDigests& pages, const PiecedFiles& pieced,
                      const FileStamps& stamps) {
  const auto identity = folder_identity(out);
  if (file.empty() || !identity) return;
  std::string bytes = core::cache_header(k_magic);
  core::ByteWriter writer(bytes);
  writer.put_text(out.string());
  writer.put(identity->first);
  writer.put(identity->second);
  const PageDigest config = digest_of(config_bytes);
  writer.put(config.low);
  writer.put(config.high);
  std::uint32_t kept = 0;
  std::string entries;
  core::ByteWriter entry_writer(entries);
  for (const auto& [page, digest] : pages) {
    const auto stamp = stamps.find(page);
    if (stamp == stamps.end()) continue;
    entry_writer.put_text(page);
    entry_writer.put(digest.low);
    entry_writer.put(digest.high);
    entry_writer.put(stamp->second.size);
    entry_writer.put(stamp->second.modified_ns);
    ++kept;
  }
  writer.put(kept);
  bytes += entries;
  std::uint32_t kept_pieced = 0;
  entries.clear();
  for (const auto& [path, pieces] : pieced) {
    const auto stamp = stamps.find(path);
    if (stamp == stamps.end()) continue;
    entry_writer.put_text(path);
    entry_writer.put(stamp->second.size);
    entry_writer.put(stamp->second.modified_ns);
    entry_writer.put(static_cast<std::uint32_t>(pieces.size()));
    for (const FilePiece& piece : pieces) {
      entry_writer.put(piece.digest.low);
      entry_writer.put(piece.digest.high);
      entry_writer.put(piece.length);
    }
    ++kept_pieced;
  }
  writer.put(kept_pieced);
  bytes += entries;
  try {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    core::write_file_atomic(file, bytes);
  } catch (const core::Error&) {
    // A cache that cannot be written costs the next build time, never a result.
  }
}

bool link_unchanged(SiteOutput& out, const PageCache& previous_build, const std::string& path,
                    const PageDigest& digest) {
  const FileStamp* kept = previous_build.unchanged(path, digest);
  return kept != nullptr && out.reuse(path, *kept);
}

const FileStamp* PageCache::unchanged(const std::string& page, const PageDigest& digest) const {
  const auto found = m_pages.find(page);
  return found != m_pages.end() && found->second.digest == digest ? &found->second.stamp : nullptr;
}

const PageCache::KeptPieces* PageCache::pieces_of(const std::string& file) const {
  const auto found = m_pieced.find(file);
  return found != m_pieced.end() ? &found->second : nullptr;
}

} // namespace review::site
