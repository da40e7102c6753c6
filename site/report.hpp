// The terminal reports of `review list`, `actions`, `stats`, `coverage` and `plan`:
// tables fitted to a width, and the same data as JSON, CSV or Markdown for other
// tools. The numbers come from site/aggregate.hpp, as the site's pages do.
#pragma once

#include "core/date.hpp"
#include "core/review.hpp"
#include "site/aggregate.hpp"
#include "site/plan.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::site {

enum class ReportFormat { table, json, csv, markdown };
std::optional<ReportFormat> parse_report_format(std::string_view text);

// `review list`
std::string list_table(std::span<const core::Review* const> reviews, std::size_t width);
std::string list_json(std::span<const core::Review* const> reviews);
std::string list_csv(std::span<const core::Review* const> reviews);

// `review actions`: entries as collect_actions orders them.
struct ActionTally {
  std::size_t overdue = 0, open = 0, done = 0, dropped = 0; // open excludes overdue
};
ActionTally tally_actions(std::span<const ActionEntry> entries);
std::string actions_table(std::span<const ActionEntry> entries, std::size_t width);
std::string actions_json(std::span<const ActionEntry> entries);
std::string actions_csv(std::span<const ActionEntry> entries);
// Grouped under "Overdue", "Open", "Done", "Dropped" headings, as task lists that
// link to each review by its path, for pasting into an issue or meeting notes.
std::string actions_markdown(std::span<const ActionEntry> entries);

// `review stats`
enum class StatsBy { overview, quarter, competitor, segment, ae, factor };
std::optional<StatsBy> parse_stats_by(std::string_view text);
std::string stats_table(const Insights& insights, StatsBy by, std::size_t width);
std::string stats_json(const Insights& insights);
std::string stats_csv(const Insights& insights, StatsBy by); // overview: by quarter

// `review coverage`
std::string coverage_table(const Coverage& coverage, std::size_t width);
std::string coverage_json(const Coverage& coverage);
std::string coverage_csv(const Coverage& coverage);
// "2026Q2: Zhang Qi" for every rostered executive without a review, one line per quarter.
std::vector<std::string> coverage_gaps(const Coverage& coverage);

// `review plan`
std::string plan_table(const Plan& plan, std::string_view export_name, std::size_t width);
std::string plan_json(const Plan& plan);
std::string plan_csv(const Plan& plan);

} // namespace review::site
