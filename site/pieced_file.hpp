// A site file made of many small pieces, each from its own inputs: reviews.json has a
// line per review, actions.csv a row per action. After a small change most pieces are
// as the previous build made them; those are copied from the previous site's file by
// the kernel rather than made and written again (docs/performance.md, item 35).
#pragma once

#include "site/output.hpp"
#include "site/page_cache.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace review::site {

class PiecedFile {
public:
  // The previous site's file at `path` is used when `previous_build` made it of pieces
  // and it is still as that build left it.
  PiecedFile(std::string path, const PageCache& previous_build, const SiteOutput& out);

  // Whether the previous file holds a piece made from inputs with this digest.
  bool has(const PageDigest& digest) const { return m_previous.contains(digest); }
  // Adds the previous file's piece with this digest; false, and nothing added, when
  // it has none.
  bool reuse(const PageDigest& digest);
  void append(const PageDigest& digest, std::string bytes);
  // The previous file's piece when it has one, else `bytes`: for pieces cheap to make.
  void add(const PageDigest& digest, std::string_view bytes);
  // Queues the file on `out`, linked when it is the previous file whole. Returns the
  // path and pieces for PageCache::write.
  std::pair<std::string, FilePieces> write(SiteOutput& out) &&;

private:
  struct DigestHash {
    std::size_t operator()(const PageDigest& digest) const noexcept {
      return static_cast<std::size_t>(digest.low);
    }
  };
  struct Range {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
  };

  std::string m_path;
  FileStamp m_previous_stamp;
  std::unordered_map<PageDigest, Range, DigestHash> m_previous;
  std::vector<FilePart> m_parts;
  FilePieces m_pieces;
};

} // namespace review::site
