// `review hooks install|uninstall`: the git pre-commit hook that lints staged reviews.
#include "cli/commands.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/hooks.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <system_error>

namespace review::cli {
namespace {

namespace fs = std::filesystem;

core::GitRepo open_repo(const fs::path& start) {
  auto repo = core::GitRepo::discover(start);
  if (!repo || repo->workdir().empty())
    throw core::Error(
        "hooks need a git working tree; run this inside your reviews repo (or `git init` first)");
  return std::move(*repo);
}

// `path` relative to the work tree when it lies inside it, for shorter messages.
std::string shown(const core::GitRepo& repo, const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, repo.workdir(), ec);
  if (ec || relative.empty() || *relative.begin() == "..") return path.string();
  return relative.generic_string();
}

std::string relative_or_dot(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, base, ec);
  if (ec || relative.empty()) return ".";
  return relative.generic_string();
}

int run_install() {
  const core::Config config = core::load_config(fs::current_path());
  const core::GitRepo repo = open_repo(config.root);
  core::PreCommitSettings settings;
  settings.config_dir = relative_or_dot(config.root, repo.workdir());
  settings.reviews_dir = config.reviews_dir;
  std::error_code ec;
  settings.fallback_binary = fs::read_symlink("/proc/self/exe", ec);

  const auto result = core::install_pre_commit_hook(repo, core::pre_commit_script(settings));
  switch (result.change) {
  case core::HookChange::installed:
    std::cout << fmt::format("installed {}: it lints the staged reviews before each commit\n",
                             shown(repo, result.hook));
    break;
  case core::HookChange::updated:
    std::cout << fmt::format("updated {} to this version of review\n", shown(repo, result.hook));
    break;
  case core::HookChange::unchanged:
    std::cout << fmt::format("{} is already installed and up to date\n", shown(repo, result.hook));
    break;
  }
  if (result.chained)
    std::cout << fmt::format("the hook that was there before is kept as {} and runs first\n",
                             shown(repo, *result.chained));
  std::cout
      << "skip it once with `git commit --no-verify`; remove it with `review hooks uninstall`\n";
  return 0;
}

int run_uninstall() {
  const core::GitRepo repo = open_repo(fs::current_path());
  const auto result = core::uninstall_pre_commit_hook(repo);
  if (!result.removed) {
    std::cout << fmt::format("there is no pre-commit hook at {}; nothing to do\n",
                             shown(repo, result.hook));
    return 0;
  }
  std::cout << fmt::format("removed the review hook from {}\n", shown(repo, result.hook));
  if (result.restored)
    std::cout << fmt::format("the hook it ran first is back at {}\n",
                             shown(repo, *result.restored));
  return 0;
}

} // namespace

void setup_hooks(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "hooks", "Install or remove the git pre-commit hook that lints staged reviews");
  command->require_subcommand(1);
  auto* install =
      command->add_subcommand("install", "Add a pre-commit hook that runs `review lint` on staged "
                                         "reviews (an existing hook is kept and run first)");
  install->callback([&exit_code] { exit_code = run_install(); });
  auto* uninstall = command->add_subcommand(
      "uninstall", "Remove the hook `review hooks install` added and put back the one it kept");
  uninstall->callback([&exit_code] { exit_code = run_uninstall(); });
}

} // namespace review::cli
