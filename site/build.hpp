// `review build` as a library call: load the reviews (working tree or a git ref),
// gather history, render every page into a staging folder and swap it into place.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/diagnostic.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace review::site {

struct BuildOptions {
  std::filesystem::path out;           // empty: config.site.output under the repo root
  std::optional<std::string> base_url; // overrides config.site.base_url
  std::string ref;                     // build from this git ref's tree; empty: the working tree
  bool include_confidential = false;
  core::Date today;     // decides which open actions are overdue
  unsigned threads = 0; // 0: one per core
};

struct BuildResult {
  std::filesystem::path out;
  int reviews = 0;      // on the site
  int confidential = 0; // left out because confidential
  int pages = 0;        // HTML pages written
  int files = 0;        // every file written
  int parsed = 0;       // review files parsed; the others were read from earlier builds' records
  // Reviews that could not be built (left out) and files that could not be read:
  // the site is still built, but the exit code says so.
  std::vector<core::Diagnostic> problems;
  // At most one: history was degraded (no repo, shallow clone, no commits).
  std::vector<std::string> warnings;
};

// Throws core::Error for operational failures (unknown ref, output folder that is
// not a site, write errors); the previous site is then left as it was.
BuildResult build_site(const core::Config& config, const BuildOptions& options);

// Whether a build of `config` will find the records an earlier build kept of its
// reviews (.git/review-cache/records): then it reads only the files that changed.
bool has_review_records(const core::Config& config);

} // namespace review::site
