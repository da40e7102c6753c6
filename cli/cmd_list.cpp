// `review list`: one line per review.
#include "cli/commands.hpp"

#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/repo.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct ListOptions {};

int run_list(const ListOptions&) {
  const core::Config config = core::load_config(std::filesystem::current_path());
  const core::RepoScan scan = core::scan_repo(config);
  for (const auto& problem : scan.problems) std::cerr << problem.file << ": " << problem.message << "\n";
  for (const auto& r : scan.reviews) {
    std::cout << fmt::format("{:<11} {:<7} {:<28} {:<16} {}\n", r.outcome ? core::outcome_name(*r.outcome) : "?",
                             r.quarter ? r.quarter->to_string() : "?", r.account.value, r.account_executive.value, r.path);
  }
  return scan.problems.empty() ? 0 : 2;
}

} // namespace

void setup_list(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ListOptions>();
  auto* command = app.add_subcommand("list", "List reviews, one per line");
  command->callback([options, &exit_code] { exit_code = run_list(*options); });
}

} // namespace review::cli
