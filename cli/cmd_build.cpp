// `review build`: the static site of every review into the output folder.
#include "cli/commands.hpp"
#include "cli/site_build.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/error.hpp"

#include <fmt/format.h>
#ifdef REVIEW_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct BuildCommandOptions {
  std::string out;
  std::string base_url;
  std::string ref;
  bool include_confidential = false;
};

std::string position_text(const core::Diagnostic& d) {
  if (d.position.line <= 0) return d.file;
  return fmt::format("{}:{}:{}", d.file, d.position.line, std::max(1, d.position.column));
}

int run_build(const BuildCommandOptions& command, const CLI::App& app) {
  const core::Config config = core::load_config(std::filesystem::current_path());
  site::BuildOptions options;
  if (!command.out.empty()) options.out = std::filesystem::absolute(command.out);
  if (app.count("--base-url") > 0) options.base_url = command.base_url;
  options.ref = command.ref;
  options.include_confidential = command.include_confidential;
  options.today = build_date();
  return build_and_report(config, options, true);
}

} // namespace

core::Date build_date() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0') {
      const auto days = std::chrono::floor<std::chrono::days>(
          std::chrono::sys_seconds(std::chrono::seconds(seconds)));
      const std::chrono::year_month_day ymd(days);
      return core::Date{static_cast<int>(ymd.year()),
                        static_cast<int>(static_cast<unsigned>(ymd.month())),
                        static_cast<int>(static_cast<unsigned>(ymd.day()))};
    }
  }
  return core::today_local();
}

int build_and_report(const core::Config& config, const site::BuildOptions& options,
                     bool print_open_hint) {
  const Style err{use_color(stderr)};
  const Style out{use_color(stdout)};
#ifdef REVIEW_WITH_MIMALLOC
  // Huge pages from each thread's first memory on, not from its second segment: a
  // build after one change spent a fifth of its time in page faults on the reviews it
  // reads from records (docs/performance.md, item 37). Not for a build from scratch,
  // whose peak memory grew by 28 MiB for no gain in time, nor for lint.
  if (site::has_review_records(config)) mi_option_set(mi_option_eager_commit_delay, 0);
#endif
  const auto started = std::chrono::steady_clock::now();
  const site::BuildResult result = site::build_site(config, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  for (const auto& warning : result.warnings)
    std::cerr << err.yellow("warning") << ": " << warning << "\n";
  for (const auto& problem : result.problems) {
    std::cerr << fmt::format("{}: {}: {} [{}]\n", position_text(problem), err.red("error"),
                             problem.message, problem.rule);
    if (!problem.hint.empty()) std::cerr << "  " << err.dim("hint: " + problem.hint) << "\n";
  }

  std::error_code ec;
  std::filesystem::path shown =
      std::filesystem::relative(result.out, std::filesystem::current_path(), ec);
  if (ec || shown.empty() || shown.native().starts_with("..")) shown = result.out;
  std::cout << fmt::format("{} {} into {}/ ({} pages, {} files) in {:.2f} s\n", out.green("built"),
                           result.reviews == 1 ? std::string("1 review")
                                               : fmt::format("{} reviews", result.reviews),
                           shown.generic_string(), result.pages, result.files, seconds);
  if (result.confidential > 0) {
    std::cout << fmt::format(
        "  {} confidential {} left out; add --include-confidential for an internal build\n",
        result.confidential, result.confidential == 1 ? "review" : "reviews");
  }
  if (!result.problems.empty()) {
    std::cout << fmt::format("  {} left out or incomplete: see the errors above\n",
                             result.problems.size() == 1
                                 ? std::string("1 file")
                                 : fmt::format("{} files", result.problems.size()));
  }
  if (print_open_hint) {
    std::cout << fmt::format(
        "  open file://{}/index.html in a browser, or run `review serve`\n",
        std::filesystem::absolute(result.out).lexically_normal().generic_string());
  }
  std::cout.flush();
  return result.problems.empty() ? 0 : 1;
}

void setup_build(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BuildCommandOptions>();
  auto* command = app.add_subcommand(
      "build", "Build the static site: wins, losses, actions, insights, coverage");
  command->add_option("--out", options->out,
                      "Output folder (default: site.output in review.yaml, _site)");
  command->add_option("--base-url", options->base_url,
                      "Address the site is published at, for the feed's links, e.g. "
                      "https://acme.github.io/win-loss/");
  command->add_option("--ref", options->ref,
                      "Build from this git branch, tag or commit instead of the working tree");
  command->add_flag("--include-confidential", options->include_confidential,
                    "Include reviews marked confidential: true (for an internal build only)");
  command->footer("Exit codes: 0 built, 1 built but some reviews were left out (see the errors),\n"
                  "2 usage, config, I/O or git failure.\n"
                  "SOURCE_DATE_EPOCH, when set, is the date overdue actions are judged against.\n");
  command->callback([options, command, &exit_code] { exit_code = run_build(*options, *command); });
}

} // namespace review::cli
