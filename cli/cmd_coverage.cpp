// `review coverage`: account executive × quarter; exit 1 when someone on the roster
// has no review in a quarter asked for.
#include "cli/commands.hpp"
#include "cli/report_common.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/repo.hpp"
#include "core/text.hpp"
#include "site/aggregate.hpp"
#include "site/report.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <sstream>

namespace review::cli {
namespace {

struct CoverageOptions {
  std::vector<std::string> quarters;
  std::string roster;
  std::string today;
  std::string format;
};

// "2026Q3", or "current" / "previous" relative to today (for scheduled CI jobs).
core::FiscalQuarter quarter_option(const std::string& text, core::Date today,
                                   int fiscal_year_start_month) {
  const core::FiscalQuarter current = core::fiscal_quarter(today, fiscal_year_start_month);
  if (text == "current") return current;
  if (text == "previous")
    return core::fiscal_quarter(
        core::add_days(core::quarter_start(current, fiscal_year_start_month), -1),
        fiscal_year_start_month);
  if (auto quarter = core::parse_quarter(core::trim(text))) return *quarter;
  throw core::Error(fmt::format(
      "--quarter must be a fiscal quarter such as 2026Q3, or current or previous, got '{}'", text));
}

// One name per line; blank lines and lines starting with '#' are skipped.
std::vector<std::string> read_roster(const std::string& path) {
  std::vector<std::string> names;
  std::istringstream lines(core::read_file(path));
  std::string line;
  while (std::getline(lines, line)) {
    const std::string_view name = core::trim(line);
    if (!name.empty() && name.front() != '#') names.emplace_back(name);
  }
  if (names.empty())
    throw core::Error(
        fmt::format("{}: the roster is empty; write one account executive per line", path));
  return names;
}

int run_coverage(const CoverageOptions& options) {
  const core::Date today = today_option(options.today);
  const site::ReportFormat format = report_format(options.format);
  LoadedRepo repo = load_repo();
  if (!options.roster.empty()) repo.config.roster = read_roster(options.roster);
  std::vector<core::FiscalQuarter> quarters;
  for (const auto& text : options.quarters)
    quarters.push_back(quarter_option(text, today, repo.config.fiscal_year_start_month));

  const site::Coverage coverage = site::compute_coverage(repo.reviews, repo.config, quarters);
  print_report(
      format, [&] { return site::coverage_table(coverage, table_width()); },
      [&] { return site::coverage_json(coverage); }, [&] { return site::coverage_csv(coverage); });
  if (quarters.empty()) return 0;
  const auto gaps = site::coverage_gaps(coverage);
  std::cout.flush(); // the matrix first, then what it means
  for (const auto& gap : gaps)
    std::cerr << fmt::format(
        "review: missing reviews in {} — the method asks for at least one review per account "
        "executive per quarter; `review plan` picks a deal for each\n",
        gap);
  return gaps.empty() ? 0 : 1;
}

} // namespace

void setup_coverage(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CoverageOptions>();
  auto* command = app.add_subcommand(
      "coverage", "Reviews per account executive and quarter.\n"
                  "Exit codes: 0, or 1 when someone on the roster has no review in a "
                  "--quarter asked for");
  command->add_option(
      "--quarter", options->quarters,
      "Only this fiscal quarter (repeatable): 2026Q3, current or previous; gaps in it exit 1");
  command->add_option(
      "--roster", options->roster,
      "A file with one account executive per line (default: roster in review.yaml)");
  command->add_option("--today", options->today,
                      "The date that current and previous count from, YYYY-MM-DD");
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->callback([options, &exit_code] { exit_code = run_coverage(*options); });
}

} // namespace review::cli
