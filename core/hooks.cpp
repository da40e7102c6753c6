#include "core/hooks.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/repo.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <string_view>
#include <system_error>

namespace review::core {
namespace {

namespace fs = std::filesystem;

// Written into every hook we install; how a later install or uninstall recognises it.
constexpr std::string_view k_marker = "# dealreview pre-commit hook";

// Single-quoted for sh: the only character needing care inside '…' is ' itself.
std::string sh_quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// True for a file or a symlink (even a dangling one): anything git would find there.
bool occupied(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

void make_executable(const fs::path& path) {
  std::error_code ec;
  fs::permissions(path,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  if (ec)
    throw Error(
        fmt::format("{}: could not make the hook executable: {}", path.string(), ec.message()));
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec)
    throw Error(
        fmt::format("could not rename {} to {}: {}", from.string(), to.string(), ec.message()));
}

fs::path local_hook(const fs::path& hook) {
  return fs::path(hook).concat(".local");
}

} // namespace

fs::path hooks_dir(const GitRepo& repo) {
  const auto configured = repo.config_string("core.hooksPath");
  if (!configured || configured->empty()) return repo.common_dir() / "hooks";
  std::string value = *configured;
  if (value.starts_with("~/")) {
    const char* home = std::getenv("HOME");
    if (home != nullptr && *home != '\0') value = std::string(home) + value.substr(1);
  }
  fs::path path(value);
  if (path.is_absolute()) return path;
  // git runs hooks from the top of the work tree (the git folder of a bare repo).
  const fs::path base = repo.workdir().empty() ? repo.common_dir() : repo.workdir();
  return base / path;
}

std::string pre_commit_script(const PreCommitSettings& settings) {
  std::string script = fmt::format(R"(#!/bin/sh
{} (written by `review hooks install`).
# Lints the reviews staged for this commit and stops the commit when one has an
# error-level finding. Skip it once with `git commit --no-verify`; remove it with
# `review hooks uninstall`. A hook that was here before is kept as pre-commit.local
# and runs first. Note: it lints the files as they are in the working tree.

hook_dir=$(dirname -- "$0")
if [ -x "$hook_dir/pre-commit.local" ]; then
  "$hook_dir/pre-commit.local" "$@" || exit $?
fi

review=$(command -v review) || review={}
if [ ! -x "$review" ]; then
  echo "pre-commit: 'review' is not on PATH, so the staged reviews were not linted; install it (see docs/install.md) or run \`review hooks uninstall\`" >&2
  exit 0
fi
)",
                                   k_marker, sh_quote(settings.fallback_binary.string()));
  if (settings.config_dir != "." && !settings.config_dir.empty())
    script += fmt::format("cd -- {} || exit 1\n", sh_quote(settings.config_dir));
  script += fmt::format(R"(
staged=$(git -c core.quotePath=false diff --cached --relative --name-only --diff-filter=ACMR -- {})
[ -n "$staged" ] || exit 0

# One staged path per line; no globbing, so names with spaces or brackets stay whole.
set -f
IFS='
'
# shellcheck disable=SC2086
set -- $staged
"$review" lint -- "$@"
status=$?
if [ "$status" -eq 1 ]; then
  echo "" >&2
  echo "pre-commit: the commit was stopped because a staged review has an error-level finding (listed above)." >&2
  echo "Fix it, \`git add\` the file and commit again, or commit anyway with \`git commit --no-verify\`." >&2
elif [ "$status" -ne 0 ]; then
  echo "" >&2
  echo "pre-commit: the commit was stopped because \`review lint\` could not run (exit $status, see above)." >&2
  echo "Fix what it names, or commit anyway with \`git commit --no-verify\`." >&2
fi
exit "$status"
)",
                        sh_quote(settings.reviews_dir + "/*.md"));
  return script;
}

bool is_review_hook(const std::string& content) {
  return content.find(k_marker) != std::string::npos;
}

HookInstallResult install_pre_commit_hook(const GitRepo& repo, const std::string& script) {
  const fs::path dir = hooks_dir(repo);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error(
        fmt::format("{}: could not create the hooks folder: {}", dir.string(), ec.message()));

  HookInstallResult result;
  result.hook = dir / "pre-commit";
  const fs::path local = local_hook(result.hook);
  if (occupied(result.hook)) {
    const std::string current =
        fs::exists(result.hook, ec) ? read_file(result.hook) : std::string();
    if (is_review_hook(current)) {
      result.change = current == script ? HookChange::unchanged : HookChange::updated;
    } else if (occupied(local)) {
      throw Error(fmt::format(
          "{} and {} both exist and neither was written by `review hooks install`, so nothing "
          "was changed; merge them into one (or move one aside) and run `review hooks install` "
          "again",
          result.hook.string(), local.string()));
    } else {
      rename_or_throw(result.hook, local);
    }
  }
  if (result.change != HookChange::unchanged) {
    write_file_atomic(result.hook, script);
    make_executable(result.hook);
  }
  if (occupied(local)) result.chained = local;
  return result;
}

HookUninstallResult uninstall_pre_commit_hook(const GitRepo& repo) {
  HookUninstallResult result;
  result.hook = hooks_dir(repo) / "pre-commit";
  if (!occupied(result.hook)) return result;
  std::error_code ec;
  const std::string current = fs::exists(result.hook, ec) ? read_file(result.hook) : std::string();
  if (!is_review_hook(current))
    throw Error(fmt::format("{} was not written by `review hooks install`, so it was left as it is",
                            result.hook.string()));
  fs::remove(result.hook, ec);
  if (ec) throw Error(fmt::format("could not remove {}: {}", result.hook.string(), ec.message()));
  result.removed = true;
  const fs::path local = local_hook(result.hook);
  if (occupied(local)) {
    rename_or_throw(local, result.hook);
    result.restored = result.hook;
  }
  return result;
}

} // namespace review::core
