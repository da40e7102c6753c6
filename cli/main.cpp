// `review`: parses the command line, runs one subcommand, turns errors into exit codes.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#ifdef REVIEW_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include <array>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The registry of subcommands, in the order `review --help` lists them.
constexpr std::array k_commands = {
    review::cli::CommandSpec{"init", review::cli::setup_init},
    review::cli::CommandSpec{"new", review::cli::setup_new},
    review::cli::CommandSpec{"list", review::cli::setup_list},
    review::cli::CommandSpec{"actions", review::cli::setup_actions},
    review::cli::CommandSpec{"stats", review::cli::setup_stats},
    review::cli::CommandSpec{"coverage", review::cli::setup_coverage},
    review::cli::CommandSpec{"plan", review::cli::setup_plan},
    review::cli::CommandSpec{"lint", review::cli::setup_lint},
    review::cli::CommandSpec{"rules", review::cli::setup_rules},
    review::cli::CommandSpec{"summary", review::cli::setup_summary},
    review::cli::CommandSpec{"hooks", review::cli::setup_hooks},
    review::cli::CommandSpec{"build", review::cli::setup_build},
    review::cli::CommandSpec{"serve", review::cli::setup_serve},
};

constexpr int k_exit_usage = 2;

// "review lnt" → "did you mean 'lint'?" before CLI11's generic message.
bool reject_unknown_command(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string first = argv[1];
  if (first.empty() || first[0] == '-') return false;
  std::vector<std::string> names;
  for (const auto& command : k_commands) {
    if (first == command.name) return false;
    names.emplace_back(command.name);
  }
  std::string message = fmt::format("review: unknown command '{}'", first);
  if (auto suggestion = review::core::did_you_mean(first, names))
    message += fmt::format(" — did you mean '{}'?", *suggestion);
  std::cerr << message << "\nrun `review --help` to see every command\n";
  return true;
}

} // namespace

int main(int argc, char** argv) {
#ifdef REVIEW_WITH_MIMALLOC
  // 2 MiB pages where the kernel offers them (transparent huge pages on request):
  // a lint or build touches hundreds of MiB once, and a page fault per 4 KiB page was
  // a tenth of `review lint` (docs/performance.md).
  mi_option_enable(mi_option_large_os_pages);
#endif
  CLI::App app{
      "review — win/loss reviews as code: scaffold, lint and publish sales deal reviews.\n"
      "Exit codes: 0 clean, 1 findings at error level, 2 usage, config, I/O or git failure."};
  app.name("review");
  app.set_version_flag("--version",
                       fmt::format("review {} (commit {})", REVIEW_VERSION, REVIEW_GIT_COMMIT));
  app.require_subcommand(1);
  app.fallthrough(false);

  if (reject_unknown_command(argc, argv)) return k_exit_usage;

  int exit_code = 0;
  for (const auto& command : k_commands) command.setup(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : k_exit_usage;
  } catch (const review::core::Error& e) {
    std::cerr << "review: " << e.what() << "\n";
    return k_exit_usage;
  }
  return exit_code;
}
