// `review stats`: win rates, decision factors, price and influential roles — the
// numbers of the site's insights page, computed by the same code.
#include "cli/commands.hpp"
#include "cli/report_common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "site/aggregate.hpp"
#include "site/query.hpp"
#include "site/report.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <set>

namespace review::cli {
namespace {

struct StatsOptions {
  std::string by;
  std::string quarter;
  std::string format;
  bool include_confidential = false;
};

int run_stats(const StatsOptions& options) {
  site::StatsBy by = site::StatsBy::overview;
  if (!options.by.empty()) {
    auto parsed = site::parse_stats_by(options.by);
    if (!parsed)
      throw core::Error(fmt::format(
          "--by must be quarter, competitor, segment, ae or factor, got '{}'", options.by));
    by = *parsed;
  }
  site::FilterText filter_text;
  filter_text.quarter = options.quarter;
  const site::ReviewFilter filter = site::parse_filter(filter_text);
  const site::ReportFormat format = report_format(options.format);
  const LoadedRepo repo = load_repo();

  // The site leaves confidential reviews out; so do we unless asked, so the numbers agree.
  const auto shown = site::publishable(repo.scan.reviews, options.include_confidential);
  const auto reviews = site::filter_reviews(shown, filter);
  const site::Insights insights = site::compute_insights(reviews, repo.config);

  const auto table = [&] {
    std::string out = site::stats_table(insights, by, table_width());
    std::set<std::string> unique;
    for (const core::Review* review : reviews)
      if (review->amount && review->currency && !review->currency->empty())
        unique.insert(*review->currency);
    const std::vector<std::string> currencies(unique.begin(), unique.end());
    if (currencies.size() > 1 && by != site::StatsBy::factor)
      out += fmt::format(
          "\nAmounts are in {} and are added as written, so sums by amount mix currencies\n",
          core::join_alternatives(currencies, "and"));
    const std::size_t left_out = site::filter_reviews(repo.reviews, filter).size() - reviews.size();
    if (left_out > 0)
      out += fmt::format(
          "\n{} confidential review{} left out, as on the site; --include-confidential counts {}\n",
          left_out, left_out == 1 ? "" : "s", left_out == 1 ? "it" : "them");
    return out;
  };
  print_report(
      format, table, [&] { return site::stats_json(insights); },
      [&] { return site::stats_csv(insights, by); });
  return 0;
}

} // namespace

void setup_stats(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<StatsOptions>();
  auto* command = app.add_subcommand(
      "stats", "Win rates by count and amount, decision factors, price and roles by outcome");
  command
      ->add_option("--by", options->by, "One breakdown: quarter, competitor, segment, ae or factor")
      ->check(CLI::IsMember({"quarter", "competitor", "segment", "ae", "factor"}));
  command->add_option("--quarter", options->quarter,
                      "Only reviews of this fiscal quarter, e.g. 2026Q3");
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->add_flag("--include-confidential", options->include_confidential,
                    "Count confidential reviews too (the site leaves them out)");
  command->callback([options, &exit_code] { exit_code = run_stats(*options); });
}

} // namespace review::cli
