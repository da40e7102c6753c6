// What a build reads of each review outside its own page and search file: its
// fields, its team's own keys, its actions and its summary, with its text's digest
// and its body's size. Kept between builds in .git/review-cache/records by the
// file's size, times and inode, so that a build after one change reads and parses
// that one file, not every review (docs/performance.md, item 32).
#pragma once

#include "core/config.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"
#include "site/page_cache.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace review::site {

// Where a review on the site came from, parallel to the reviews it describes.
struct ReviewSource {
  PageDigest text;            // of the review's normalised text
  std::size_t body_bytes = 0; // of its Markdown body
  // Set when the review was read from its record, which keeps no text and of the
  // body only the actions and the summary: its page and search file read it again.
  std::filesystem::path file;
  std::string search_text; // the body's plain text for the search index, when parsed
};

// The source of a review parsed from its text (no file to read it again from). The
// body's blocks are then given up but for the summary's first prose block, as its
// record keeps it: the plain text is all the search index reads of them, and the
// blocks were twice its size (115 MiB at 10,000 reviews, a third of a build's peak).
ReviewSource take_source(core::Review& review);

struct SiteReviews {
  core::RepoScan scan;
  std::vector<ReviewSource> sources; // parallel to scan.reviews
  std::size_t parsed = 0;            // files read and parsed; the rest came from records
};

// Loads `files` (shown to users as `paths`, parallel to them) as a build does: a file whose size,
// times and inode match its record in `records_file` is read from the record; the rest are read,
// parsed and trimmed by `trim`, and recorded for the next build when the record can be trusted. The
// records are kept for `config.text`. With no records to read, front matter comes
// from the cache in `front_matter_file`. Empty paths cache nothing.
SiteReviews load_site_reviews(const core::Config& config,
                              std::span<const std::filesystem::path> files,
                              std::span<const std::string> paths, unsigned threads,
                              const core::ReviewTrim& trim,
                              const std::filesystem::path& records_file,
                              const std::filesystem::path& front_matter_file);

// What a review's record keeps, encoded, and decoded into `review` (all but its path,
// which is the record's key). False when the bytes are damaged: `review` is then
// partly filled and must not be used.
std::string encode_record(const core::Review& review);
bool decode_record(std::string_view bytes, core::Review& review);

} // namespace review::site
