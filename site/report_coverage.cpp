// `review coverage`: the account executive × quarter matrix as a table, JSON and CSV.
#include "site/csv.hpp"
#include "site/report.hpp"
#include "site/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace review::site {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view k_gap_mark = "✗ none";

// "1W 1L", leaving out zeros.
std::string compact_counts(const OutcomeCounts& c) {
  std::vector<std::string> parts;
  if (c.won > 0) parts.push_back(fmt::format("{}W", c.won));
  if (c.lost > 0) parts.push_back(fmt::format("{}L", c.lost));
  if (c.no_decision > 0) parts.push_back(fmt::format("{}N", c.no_decision));
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string cell_text(const Coverage& coverage, std::size_t executive, std::size_t quarter) {
  const CoverageCell& cell = coverage.cells[executive][quarter];
  if (coverage.is_gap(executive, quarter)) return std::string(k_gap_mark);
  if (cell.reviews.empty()) return "·";
  const std::string counts = compact_counts(cell.counts);
  // Reviews without an outcome still count as reviewed.
  return counts.empty() ? std::to_string(cell.reviews.size()) : counts;
}

} // namespace

std::vector<std::string> coverage_gaps(const Coverage& coverage) {
  std::vector<std::string> lines;
  for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
    std::vector<std::string> missing;
    for (std::size_t e = 0; e < coverage.executives.size(); ++e)
      if (coverage.is_gap(e, q)) missing.push_back(coverage.executives[e]);
    if (!missing.empty())
      lines.push_back(
          fmt::format("{}: {}", coverage.quarters[q].to_string(), fmt::join(missing, ", ")));
  }
  return lines;
}

std::string coverage_table(const Coverage& coverage, std::size_t width) {
  if (coverage.quarters.empty()) return "No reviews with a close date yet.\n";
  std::vector<Column> columns = {{"EXECUTIVE", Align::left, 1}};
  for (const auto& quarter : coverage.quarters) columns.push_back({quarter.to_string()});
  TextTable table(std::move(columns));
  std::vector<CoverageCell> totals(coverage.quarters.size());
  for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
    std::vector<std::string> row = {coverage.executives[e]};
    for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
      row.push_back(cell_text(coverage, e, q));
      for (const core::Review* review : coverage.cells[e][q].reviews) totals[q].counts.add(*review);
    }
    table.add_row(std::move(row));
  }
  std::vector<std::string> total_row = {"all"};
  for (const auto& total : totals) total_row.push_back(compact_counts(total.counts));
  table.add_row(std::move(total_row));

  std::string out = table.render(width);
  out += fmt::format("\nW won, L lost, N no-decision; {}: on the roster, no review that quarter\n",
                     k_gap_mark);
  if (coverage.roster_from_reviews)
    out += "Roster: everyone with a review (review.yaml has no roster; add `roster:` or pass "
           "--roster FILE)\n";
  for (const auto& [quarter, notes] : coverage.notes)
    out += fmt::format("Note {}: {}\n", quarter.to_string(), fmt::join(notes, "; "));
  const auto gaps = coverage_gaps(coverage);
  if (gaps.empty())
    out += "Every account executive on the roster has a review in every quarter shown.\n";
  for (const auto& gap : gaps) out += fmt::format("Missing {}\n", gap);
  return out;
}

std::string coverage_json(const Coverage& coverage) {
  json quarters = json::array();
  for (const auto& q : coverage.quarters) quarters.push_back(q.to_string());
  json executives = json::array();
  json gaps = json::array();
  for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
    json cells = json::object();
    for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
      const CoverageCell& cell = coverage.cells[e][q];
      json ids = json::array();
      for (const core::Review* review : cell.reviews) ids.push_back(review->id);
      cells[coverage.quarters[q].to_string()] = {{"won", cell.counts.won},
                                                 {"lost", cell.counts.lost},
                                                 {"no_decision", cell.counts.no_decision},
                                                 {"reviews", ids}};
      if (coverage.is_gap(e, q))
        gaps.push_back(
            {{"executive", coverage.executives[e]}, {"quarter", coverage.quarters[q].to_string()}});
    }
    executives.push_back({{"name", coverage.executives[e]},
                          {"rostered", coverage.is_rostered(coverage.executives[e])},
                          {"quarters", cells}});
  }
  json notes = json::object();
  for (const auto& [quarter, list] : coverage.notes) notes[quarter.to_string()] = list;
  const json out = {{"quarters", quarters},
                    {"roster", coverage.roster},
                    {"roster_from_reviews", coverage.roster_from_reviews},
                    {"executives", executives},
                    {"gaps", gaps},
                    {"notes", notes}};
  return out.dump(2) + "\n";
}

std::string coverage_csv(const Coverage& coverage) {
  std::string out = csv_row(
      {"executive", "quarter", "rostered", "reviews", "won", "lost", "no_decision", "gap", "ids"});
  for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
    for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
      const CoverageCell& cell = coverage.cells[e][q];
      std::vector<std::string> ids;
      for (const core::Review* review : cell.reviews) ids.push_back(review->id);
      out += csv_row({coverage.executives[e], coverage.quarters[q].to_string(),
                      coverage.is_rostered(coverage.executives[e]) ? "true" : "false",
                      std::to_string(cell.reviews.size()), std::to_string(cell.counts.won),
                      std::to_string(cell.counts.lost), std::to_string(cell.counts.no_decision),
                      coverage.is_gap(e, q) ? "true" : "false",
                      fmt::format("{}", fmt::join(ids, "; "))});
    }
  }
  return out;
}

} // namespace review::site
