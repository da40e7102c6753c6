// `review summary`: the digest of what a branch adds or changes relative to its base,
// for whoever reviews the pull request — reviews, the actions they hand to each team,
// decision factors and competitors new to the repo, and lint findings — as data,
// Markdown (a PR comment or step summary) or JSON.
#pragma once

#include "core/config.hpp"
#include "core/markdown.hpp"
#include "core/review.hpp"
#include "lint/engine.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace review::lint {

enum class ChangeKind {
  added,
  changed,
  unknown, // the base is not in this clone, so added and changed cannot be told apart
};

// A front-matter field or the body, before and after (as written, lists joined by ", ").
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

struct ReviewDigest {
  ChangeKind kind = ChangeKind::added;
  std::string path; // display path, relative to the repo root
  std::string id;
  std::string title;
  std::string account;
  std::string outcome; // "won", "lost", "no-decision", "" when missing or invalid
  std::string lost_to;
  std::string account_executive;
  std::optional<double> amount;
  std::string currency;
  std::vector<std::string> competitors;
  std::vector<std::string> decision_factors;
  bool confidential = false;
  std::vector<FieldChange> changes; // changed reviews only: what differs from the base
  std::size_t errors = 0;           // lint findings in this file
  std::size_t warnings = 0;
  std::size_t suggestions = 0;
};

struct TeamAction {
  std::string team; // "" when the item names none
  std::string review_id;
  std::string review_path;
  std::string text;
  std::string owner;
  std::string due; // as written
  core::ActionStatus status = core::ActionStatus::open;
  bool is_new = false; // not in the base version of the review
  core::Position position;
};

// A decision factor or competitor no review of the base names.
struct NewName {
  std::string name;
  std::vector<std::string> review_ids; // the branch's reviews naming it
};

struct BranchSummary {
  std::string base;        // as given, e.g. "origin/main"
  std::string base_commit; // what was compared with; "" when nothing was
  bool compared_with_base = false;
  std::vector<std::string> notes;    // degraded comparisons (a shallow clone), said once each
  std::vector<ReviewDigest> reviews; // sorted by path
  std::vector<std::string> removed;  // review paths of the base that the branch deletes
  std::vector<TeamAction> actions; // by team (the config's order, then others by name), then review
  std::vector<NewName> new_decision_factors;
  std::vector<NewName> new_competitors;
  LintReport lint; // findings for the branch's reviews (and review.yaml)
};

// What summarise_branch compares.
struct BranchSnapshot {
  std::string base;
  std::string base_commit;
  bool has_base = false;                 // the base tree was read
  std::span<const core::Review> changed; // the branch's version of every added or changed review
  std::span<const core::Review> base_reviews; // every review of the base tree, display paths
  std::span<const std::string> branch_paths;  // every review path of the branch (for removals)
  LintReport lint;
  std::vector<std::string> notes;
};

// The digest as data, without touching git or the disk: the entry point of the tests.
BranchSummary summarise_branch(const core::Config& config, BranchSnapshot snapshot);

// Compares the working tree with `base` (empty: the default branch, as `review lint
// --changed` does): the changed reviews, the base's reviews read from git, and
// lint_repo on the changed files. A base missing from a shallow clone degrades with a
// note. Throws core::Error outside a git repository or when `base` is unknown.
BranchSummary summarise_changes(const core::Config& config, const std::string& base);

// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: user text is escaped,
// and at most `max_findings` findings are listed.
std::string render_summary_markdown(const BranchSummary& summary, std::size_t max_findings = 50);
std::string render_summary_json(const BranchSummary& summary);

} // namespace review::lint
