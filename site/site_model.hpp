// Everything the page renderers read, gathered once per build: the reviews on the
// site, their git history, the aggregates and the repo's theme partials.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/git.hpp"
#include "core/review.hpp"
#include "site/aggregate.hpp"
#include "site/page_cache.hpp"
#include "site/review_records.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::site {

struct SiteModel {
  const core::Config* config = nullptr;
  std::string title;
  std::string base_url; // absolute prefix for the feed; "" keeps every link relative
  core::Date today;     // decides which open actions are overdue
  bool include_confidential = false;

  // The reviews on the site, newest close date first, then by id.
  std::vector<const core::Review*> reviews;
  std::map<std::string, core::FileHistory> history; // by Review::path; may hold others
  // The config root's folder in the git repository ("" at its top, "team/" below it):
  // a review's path in the repo, for repo_url links, is this plus Review::path. None
  // outside git.
  std::optional<std::string> git_prefix;

  std::string header_html; // the repo's partials, included as written
  std::string footer_html;
  bool has_theme_css = false;
  std::string currency; // the currency the reviews use, "" when none or mixed

  Insights insights;
  std::vector<ActionEntry> actions;
  Coverage coverage;
  std::vector<std::string> teams; // board order: the config's teams, then others by name
  std::map<std::string, std::string> team_slugs; // team → file name stem under actions/
  // Parallel to `reviews`: each review's text digest (with the config and the program,
  // checked by PageCache, what its parsed fields come from), its body's size, and the
  // file of a review read from its record.
  std::vector<ReviewSource> sources;
  // Reads and parses a review file as the build does; empty when it cannot.
  std::function<std::optional<core::Review>(const std::filesystem::path&)> read_review;

  const core::FileHistory* history_of(const core::Review& review) const;
  // reviews[i] with its text and whole body: itself, or, when it was read from its
  // record, its file read again into `holder` (the record itself if that fails).
  const core::Review& in_full(std::size_t i, std::optional<core::Review>& holder) const;
};

// Fills everything derived from `reviews` (aggregates, actions, teams, currency).
void derive(SiteModel& model);

// A front-matter key the Review type reads into a field; any other key is a team's
// own, shown and exported as written.
bool is_known_key(std::string_view key);

} // namespace review::site
