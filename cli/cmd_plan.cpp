// `review plan`: which closed deals to review this quarter, from a CRM export;
// --scaffold writes their review files (never overwriting).
#include "cli/commands.hpp"
#include "cli/report_common.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/repo.hpp"
#include "core/scaffold.hpp"
#include "site/cell_value.hpp"
#include "site/plan.hpp"
#include "site/report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct PlanOptions {
  std::string deals;
  std::string quarter;
  std::optional<std::uint64_t> seed;
  std::string threshold;
  std::optional<std::size_t> target;
  bool scaffold = false;
  std::string format;
};

site::PlanRequest plan_request(const PlanOptions& options) {
  site::PlanRequest request;
  if (!options.quarter.empty()) {
    request.quarter = core::parse_quarter(options.quarter);
    if (!request.quarter)
      throw core::Error(fmt::format("--quarter must be a fiscal quarter such as 2026Q3, got '{}'",
                                    options.quarter));
  }
  if (!options.threshold.empty()) {
    request.threshold = site::parse_amount(options.threshold);
    if (!request.threshold)
      throw core::Error(
          fmt::format("--threshold must be an amount such as 250000, got '{}'", options.threshold));
  }
  request.seed = options.seed;
  request.target = options.target;
  return request;
}

// Checks every file first, then writes each with O_EXCL: a file that exists is
// reported and kept as it is, and nothing is ever half-written.
int scaffold(const site::Plan& plan, const core::Config& config) {
  struct Planned {
    core::NewReviewFields fields;
    std::string relative;
  };
  std::vector<Planned> planned;
  for (const auto& pick : plan.picks) {
    Planned item{site::scaffold_fields(pick, config), {}};
    item.relative = core::review_relative_path(config, item.fields).generic_string();
    // Renders once to surface a bad field or template before any file is written.
    core::render_review(core::load_template(config, item.fields.language, item.fields.outcome),
                        item.fields);
    planned.push_back(std::move(item));
  }
  std::size_t created = 0;
  for (const auto& item : planned) {
    if (std::filesystem::exists(config.root / item.relative)) {
      std::cout << fmt::format("exists  {} (kept as it is)\n", item.relative);
      continue;
    }
    try {
      const auto result = core::create_review(config, item.fields);
      std::cout << fmt::format("created {}\n", config.display_path(result.path));
      ++created;
    } catch (const core::Error& e) {
      // Another deal of the same account and day, or a file that appeared meanwhile.
      if (!std::filesystem::exists(config.root / item.relative)) throw;
      std::cout << fmt::format("exists  {} (kept as it is)\n", item.relative);
    }
  }
  std::cout << fmt::format("{} review file{} created; fill them in, then `review lint`\n", created,
                           created == 1 ? "" : "s");
  return 0;
}

int run_plan(const PlanOptions& options) {
  const site::PlanRequest request = plan_request(options);
  const site::ReportFormat format = report_format(options.format);
  const LoadedRepo repo = load_repo();
  const site::PlanSettings settings = site::plan_settings(repo.config);

  const std::string text = core::read_file(options.deals);
  site::DealExport deals;
  try {
    deals = site::read_deals(text, settings, repo.config.fiscal_year_start_month);
  } catch (const core::Error& e) {
    throw core::Error(fmt::format("{}: {}", options.deals, e.what()));
  }
  for (const auto& problem : deals.problems)
    std::cerr << fmt::format("{}:{}: warning: {} (row skipped)\n", options.deals, problem.line,
                             problem.message);

  const site::Plan plan = site::make_plan(deals, repo.reviews, settings, request);
  print_report(
      format, [&] { return site::plan_table(plan, options.deals, table_width()); },
      [&] { return site::plan_json(plan); }, [&] { return site::plan_csv(plan); });
  if (options.scaffold) return scaffold(plan, repo.config);
  if (format == site::ReportFormat::table && !plan.picks.empty()) {
    std::cout << fmt::format("\nTo create these review files: review plan --deals {} --quarter {} "
                             "--seed {} --scaffold\n",
                             options.deals, plan.quarter.to_string(), plan.seed);
  }
  return 0;
}

} // namespace

void setup_plan(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  auto* command = app.add_subcommand(
      "plan",
      "Choose which closed deals to review this quarter from a CRM export (CSV), and why each");
  command
      ->add_option("--deals", options->deals,
                   "The closed-deal export, CSV with a header (Salesforce, HubSpot, …)")
      ->required();
  command->add_option("--quarter", options->quarter,
                      "Fiscal quarter to plan, e.g. 2026Q3 (default: the latest in the export)");
  command->add_option("--seed", options->seed,
                      "Seed of the random sample; the same seed gives the same plan");
  command->add_option("--threshold", options->threshold,
                      "Review every deal of this amount or more (default plan.threshold)");
  command->add_option("--target", options->target,
                      "Reviews wanted in the quarter, written ones included (default plan.target, "
                      "else two per account executive)");
  command->add_flag("--scaffold", options->scaffold,
                    "Create the review files, as `review new` does; never overwrites");
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

} // namespace review::cli
