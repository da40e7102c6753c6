// Which review pages the last build wrote, each with a digest of everything it was
// made from. A page whose digest is unchanged is linked from the previous site
// without being rendered (docs/performance.md, item 31). Files made of many pieces
// (reviews.json, actions.csv) are kept piece by piece (item 35). Kept in
// .git/review-cache/pages beside the other caches, for one output folder at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace review::site {

struct PageDigest {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  bool operator==(const PageDigest&) const = default;
};

// The digest of `bytes` (xxHash, 128 bits): of a review's text, of a page's inputs.
PageDigest digest_of(std::string_view bytes);

// Pages by path under the output folder, with their digests.
using PageDigests = std::vector<std::pair<std::string, PageDigest>>;

// One piece of a file made of pieces (reviews.json: a line per review), with the digest
// of what it was made from. The file is its pieces one after another.
struct FilePiece {
  PageDigest digest;
  std::uint64_t length = 0;
};
using FilePieces = std::vector<FilePiece>;
// Files by path under the output folder, with their pieces.
using PiecedFiles = std::vector<std::pair<std::string, FilePieces>>;

// A file's size and modification time as the build left it: a page edited in the
// output folder since no longer matches, and is made again.
struct FileStamp {
  std::int64_t size = -1;
  std::int64_t modified_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
using FileStamps = std::unordered_map<std::string, FileStamp>;

class PageCache {
public:
  PageCache() = default; // knows no page

  // The pages kept in `file`, when they describe the site now in `out` (the same
  // folder, not replaced since) and were made with the same config and program;
  // otherwise none. `config_bytes` is review.yaml as read for this build.
  static PageCache read(const std::filesystem::path& file, const std::filesystem::path& out,
                        std::string_view config_bytes);
  // Keeps `pages` as the pages of the site just put in place at `out`. Failures are
  // ignored: the next build renders every page again.
  static void write(const std::filesystem::path& file, const std::filesystem::path& out,
                    std::string_view config_bytes, const PageDigests& pages,
                    const PiecedFiles& pieced, const FileStamps& stamps);

  // How the previous build left `page` when it made it from inputs with this
  // digest; nullptr when it made it from others, or not at all.
  const FileStamp* unchanged(const std::string& page, const PageDigest& digest) const;

  struct KeptPieces {
    FileStamp stamp;
    FilePieces pieces;
  };
  // The pieces the previous build made `file` of, and how it left the file; nullptr
  // when it did not make it of pieces.
  const KeptPieces* pieces_of(const std::string& file) const;

private:
  struct Kept {
    PageDigest digest;
    FileStamp stamp;
  };
  std::unordered_map<std::string, Kept> m_pages;
  std::unordered_map<std::string, KeptPieces> m_pieced;
};

class SiteOutput;

// Links `path` from the previous site when the previous build made it from inputs
// with this digest and it is still as that build left it; false when it must be made.
bool link_unchanged(SiteOutput& out, const PageCache& previous_build, const std::string& path,
                    const PageDigest& digest);

} // namespace review::site
