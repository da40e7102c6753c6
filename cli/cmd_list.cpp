// `review list`: the reviews that match the filters, as a table, JSON or CSV.
#include "cli/commands.hpp"
#include "cli/report_common.hpp"
#include "site/query.hpp"
#include "site/report.hpp"

#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct ListOptions {
  site::FilterText filter;
  std::string format;
};

int run_list(const ListOptions& options) {
  const site::ReviewFilter filter = site::parse_filter(options.filter);
  const site::ReportFormat format = report_format(options.format);
  const LoadedRepo repo = load_repo();
  const auto reviews = site::filter_reviews(repo.reviews, filter);

  const auto table = [&] {
    if (!reviews.empty()) return site::list_table(reviews, table_width());
    return std::string(repo.reviews.empty() ? "No reviews yet: `review new` writes the first one.\n"
                                            : "No review matches these filters.\n");
  };
  print_report(
      format, table, [&] { return site::list_json(reviews); },
      [&] { return site::list_csv(reviews); });
  if (reviews.empty()) {
    std::cout.flush(); // the hints belong after the message they explain
    for (const auto& hint : site::filter_hints(repo.reviews, filter))
      std::cerr << "hint: " << hint << "\n";
  }
  return 0;
}

} // namespace

void setup_list(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ListOptions>();
  auto& f = options->filter;
  auto* command = app.add_subcommand("list", "List reviews, filtered, as a table, JSON or CSV");
  command->add_option("--outcome", f.outcome, "won, lost or no-decision");
  command->add_option("--quarter", f.quarter, "Fiscal quarter of the close date, e.g. 2026Q3");
  command->add_option("--ae", f.ae, "Account executive");
  command->add_option("--competitor", f.competitor, "A competitor the customer weighed or chose");
  command->add_option("--segment", f.segment, "Segment, e.g. enterprise");
  command->add_option("--factor", f.factor, "A decision factor, e.g. integration");
  command->add_option("--since", f.since, "Closed on or after this date, YYYY-MM-DD");
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->callback([options, &exit_code] { exit_code = run_list(*options); });
}

} // namespace review::cli
