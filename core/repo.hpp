// Finding and loading every review of a repo, in parallel, without ever stopping
// at a bad file: unreadable, non-UTF-8 or oversized files become diagnostics.
#pragma once

#include "core/config.hpp"
#include "core/diagnostic.hpp"
#include "core/review.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace review::core {

// Files larger than this are reported and skipped: a review is a page, not a dataset.
inline constexpr std::size_t k_max_review_bytes = 4 * 1024 * 1024;

struct RepoScan {
  std::vector<Review> reviews;      // sorted by path
  std::vector<Diagnostic> problems; // files that could not be loaded (rule "file")
};

// Every *.md under the reviews folder (recursively, sorted), except README.md and
// names starting with '.' or '_'. Symlink loops and unreadable folders are reported.
std::vector<std::filesystem::path> list_review_files(const Config& config,
                                                     std::vector<Diagnostic>& problems);

// One file read and parsed, or the reason it could not be (rule "file").
struct LoadedReview {
  std::optional<Review> review;
  std::optional<Diagnostic> problem;
};
// `cache`, when given, serves front matter parsed by an earlier run.
LoadedReview load_review(const Config& config, const std::filesystem::path& file,
                         FrontMatterCache* cache = nullptr);

// What a caller keeps of each review: run on the loading thread as soon as the
// review is parsed, so that parts it never reads (the positions lint needs, say) do
// not pile up for the whole repo.
using ReviewTrim = std::function<void(Review&)>;

// Reads and parses `files` on `threads` threads (0: hardware concurrency).
RepoScan load_reviews(const Config& config, std::span<const std::filesystem::path> files,
                      unsigned threads = 0, FrontMatterCache* cache = nullptr,
                      const ReviewTrim& trim = {});

// Loads reviews from in-memory content (e.g. a git tree): pairs of display path and bytes.
struct SourceFile {
  std::string path;
  std::string content;
};
RepoScan parse_reviews(const Config& config, std::span<const SourceFile> files,
                       unsigned threads = 0, const ReviewTrim& trim = {});

RepoScan scan_repo(const Config& config, unsigned threads = 0, FrontMatterCache* cache = nullptr,
                   const ReviewTrim& trim = {});

} // namespace review::core
