// `review summary`: what a branch adds or changes relative to its base, as Markdown
// for a pull request (or $GITHUB_STEP_SUMMARY) or as JSON.
#include "cli/commands.hpp"
#include "core/config.hpp"
#include "lint/summary.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

namespace review::cli {
namespace {

struct SummaryOptions {
  std::string base;
  std::string format = "markdown";
};

int run_summary(const SummaryOptions& options) {
  const core::Config config = core::load_config(std::filesystem::current_path());
  const lint::BranchSummary summary = lint::summarise_changes(config, options.base);
  for (const auto& note : summary.notes) std::cerr << "review: warning: " << note << "\n";
  std::cout << (options.format == "json" ? lint::render_summary_json(summary)
                                         : lint::render_summary_markdown(summary))
            << std::flush;
  return 0;
}

} // namespace

void setup_summary(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SummaryOptions>();
  auto* command =
      app.add_subcommand("summary", "Digest of what this branch adds or changes, for its pull "
                                    "request: reviews, actions per team, "
                                    "new decision factors and competitors, lint findings");
  command->add_option(
      "--base", options->base,
      "The git ref to compare with (default: the default branch, as `review lint --changed` does)");
  command->add_option("--format", options->format, "Output: markdown (for a pull request) or json")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = run_summary(*options); });
}

} // namespace review::cli
