// `review lint`: lint files, folders, the changed reviews or the whole repo, and print
// the findings as text, json, github workflow commands or SARIF.
// Exit codes: 0 clean, 1 findings at error level (or warnings over --max-warnings),
// 2 usage, config, I/O or git failure.
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/date.hpp"
#include "lint/engine.hpp"
#include "lint/format.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct LintCommandOptions {
  std::vector<std::string> paths;
  bool changed = false;
  std::string base;
  std::string format = "text";
  int max_warnings = -1;
  bool quiet = false;
  std::string today;
  std::vector<std::string> quarters;
};

int run_lint(const LintCommandOptions& options) {
  const core::Config config = core::load_config(std::filesystem::current_path());
  lint::LintOptions lint_options;
  for (const auto& path : options.paths) lint_options.paths.emplace_back(path);
  lint_options.changed = options.changed;
  lint_options.base = options.base;
  if (!options.today.empty()) lint_options.today = *core::parse_iso_date(options.today);
  for (const auto& quarter : options.quarters)
    lint_options.quarters.push_back(*core::parse_quarter(quarter));

  const lint::LintReport report = lint::lint_repo(config, lint_options);
  for (const auto& note : report.notes) std::cerr << "review: warning: " << note << "\n";

  const lint::Format format = *lint::parse_format(options.format);
  lint::FormatOptions format_options;
  format_options.color = format == lint::Format::text && use_color(stdout);
  format_options.quiet = options.quiet;
  format_options.tool_version = REVIEW_VERSION;
  std::cout << lint::format_report(format, report, format_options) << std::flush;

  if (report.config_failed) {
    std::cerr
        << "review: review.yaml has errors (above); fix them so the rules run as configured\n";
    return 2;
  }
  if (report.errors > 0) return 1;
  if (options.max_warnings >= 0 &&
      report.warnings > static_cast<std::size_t>(options.max_warnings)) {
    std::cerr << fmt::format("review: {} warning{}, more than --max-warnings {} allows\n",
                             report.warnings, report.warnings == 1 ? "" : "s",
                             options.max_warnings);
    return 1;
  }
  return 0;
}

} // namespace

void setup_lint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintCommandOptions>();
  auto* command = app.add_subcommand(
      "lint", "Lint reviews: completeness, method and blame language.\n"
              "Exit codes: 0 clean, 1 findings at error level (or warnings over --max-warnings), "
              "2 usage, config, I/O or git failure.");
  command->add_option("paths", options->paths,
                      "Review files or folders (default: every review of the repo)");
  auto* changed = command->add_flag(
      "--changed", options->changed,
      "Only reviews added or modified since the merge base with the default branch "
      "(or --base), plus uncommitted changes");
  command->add_option("--base", options->base, "The git ref --changed compares with")
      ->needs(changed);
  command
      ->add_option("--format", options->format,
                   "Output: text, json, github (workflow commands) or sarif")
      ->check(CLI::IsMember({"text", "json", "github", "sarif"}));
  command
      ->add_option("--max-warnings", options->max_warnings,
                   "Fail (exit 1) when there are more warnings than N")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--quiet,-q", options->quiet, "Show errors only");
  command
      ->add_option("--today", options->today,
                   "The date overdue actions are judged against (YYYY-MM-DD; default today)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return core::parse_iso_date(text)
                       ? std::string()
                       : fmt::format("expected a date YYYY-MM-DD, got '{}'", text);
          },
          "DATE"));
  command
      ->add_option("--quarter", options->quarters,
                   "A fiscal quarter for the coverage rule, e.g. 2026Q3 (repeatable; default the "
                   "latest with reviews)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return core::parse_quarter(text)
                       ? std::string()
                       : fmt::format("expected a quarter such as 2026Q3, got '{}'", text);
          },
          "QUARTER"));
  command->callback([options, &exit_code] { exit_code = run_lint(*options); });
}

} // namespace review::cli
