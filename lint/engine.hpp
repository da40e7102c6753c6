// The lint engine: picks the files (paths, --changed or the whole repo), runs every
// enabled rule — file rules in parallel across reviews, repo rules once — applies the
// severities of review.yaml and the inline control comments, and returns findings in
// a deterministic order. It never prints: formatters (lint/format.hpp) do.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/review.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace review::lint {

struct LintOptions {
  std::vector<std::filesystem::path>
      paths;            // files or folders (absolute or relative to the cwd); empty: the repo
  bool changed = false; // only reviews added or modified relative to `base`
  std::string base;     // with `changed`; empty: the merge base with the default branch
  std::vector<core::FiscalQuarter> quarters; // for coverage; empty: the latest quarter with reviews
  core::Date today = core::today_local();    // for overdue actions
  unsigned threads = 0;                      // 0: one per core
};

struct LintReport {
  std::vector<core::Diagnostic> diagnostics; // sorted by file, line, column, rule, message
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t suggestions = 0;
  std::size_t files_checked = 0;
  bool config_failed = false; // review.yaml has an error (exit 2 rather than 1)
  // The text of every file with a finding, for the source line under each message.
  std::map<std::string, std::string> sources;
  std::vector<std::string> notes; // degraded runs, e.g. a shallow clone; printed on stderr
};

// What lint_reviews needs besides the reviews themselves.
struct LintScope {
  core::Date today = core::today_local();
  std::vector<core::FiscalQuarter> quarters;
  std::vector<std::string> repo_paths; // every review file of the repo (display paths)
  bool whole_repo = true;
  unsigned threads = 0;
};

// Selects the files, loads and lints them. Throws core::Error when a PATH does not
// exist, --changed runs outside a git repository, or --base names an unknown ref.
LintReport lint_repo(const core::Config& config, const LintOptions& options);

// Lints parsed reviews: the heart of lint_repo, and the entry point of the tests.
// `problems` are files that could not be loaded (rule "file"); they are reported as is.
LintReport lint_reviews(const core::Config& config, std::span<const core::Review> reviews,
                        const LintScope& scope, std::vector<core::Diagnostic> problems = {});

} // namespace review::lint
