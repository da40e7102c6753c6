// `review init [DIR]`: a new reviews repo.
#include "cli/commands.hpp"
#include "core/scaffold.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
};

int run_init(const InitOptions& options) {
  const auto result = core::init_repo(options.dir);
  for (const auto& path : result.written)
    std::cout << "  created " << path.generic_string() << "\n";
  if (result.initialised_git) std::cout << "  initialised a git repository\n";
  std::cout << fmt::format("\nNext: cd {} && review new --outcome lost --account \"Acme Bank\"\n",
                           options.dir);
  return 0;
}

} // namespace

void setup_init(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  auto* command = app.add_subcommand(
      "init", "Start a reviews repo: review.yaml, reviews/, templates/, a CI workflow");
  command->add_option("dir", options->dir, "Folder to set up (created when missing)")
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = run_init(*options); });
}

} // namespace review::cli
