// The git pre-commit hook that lints staged reviews: its script, where git looks for
// it, and installing or removing it without ever clobbering a hook that was there.
#pragma once

#include "core/git.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace review::core {

// Where git runs hooks from: core.hooksPath (relative to the work tree, "~/" expanded)
// when set, else the hooks/ folder of the repository's common git folder.
std::filesystem::path hooks_dir(const GitRepo& repo);

struct PreCommitSettings {
  std::string config_dir = ".";          // folder holding review.yaml, relative to the work tree
  std::string reviews_dir = "reviews";   // relative to config_dir
  std::filesystem::path fallback_binary; // run when `review` is not on PATH; may be empty
};

// The hook: runs an existing hook kept as pre-commit.local first, then
// `review lint` on the staged *.md files under the reviews folder, and stops the
// commit when lint exits non-zero.
std::string pre_commit_script(const PreCommitSettings& settings);

// True when `content` is a hook written by pre_commit_script().
bool is_review_hook(const std::string& content);

enum class HookChange { installed, updated, unchanged };

struct HookInstallResult {
  std::filesystem::path hook;                   // the pre-commit file
  std::optional<std::filesystem::path> chained; // a hook kept beside it that runs first
  HookChange change = HookChange::installed;
};

// Writes `script` as the pre-commit hook. An existing hook of ours is updated in
// place; any other hook is renamed to pre-commit.local and run first. Throws Error,
// changing nothing, when both pre-commit and pre-commit.local exist and neither is ours.
HookInstallResult install_pre_commit_hook(const GitRepo& repo, const std::string& script);

struct HookUninstallResult {
  std::filesystem::path hook;
  bool removed = false;                          // false when there was no hook
  std::optional<std::filesystem::path> restored; // pre-commit.local put back as pre-commit
};

// Removes our hook and puts back the one it chained. Throws Error, changing nothing,
// when the pre-commit hook is not ours.
HookUninstallResult uninstall_pre_commit_hook(const GitRepo& repo);

} // namespace review::core
