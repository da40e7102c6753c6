// The pre-commit hook as a library: where git looks for it, its script, and
// installing or removing it beside a hook that was already there.
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/hooks.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using review::core::GitRepo;
using review::core::HookChange;
using review::test::read_text;
using review::test::run_command;
using review::test::ScratchDir;
using review::test::shell_quote;
using review::test::write_text;

const std::string k_script = review::core::pre_commit_script({});

bool is_executable(const fs::path& path) {
  return (fs::status(path).permissions() & fs::perms::owner_exec) != fs::perms::none;
}

void git_config(const fs::path& repo, const std::string& key, const std::string& value) {
  const auto result = run_command(
      "GIT_CONFIG_NOSYSTEM=1 git config " + shell_quote(key) + " " + shell_quote(value), repo);
  REQUIRE_MESSAGE(result.exit_code == 0, result.output);
}

} // namespace

TEST_CASE("hooks_dir") {
  ScratchDir scratch;
  const GitRepo repo = GitRepo::init(scratch / "repo");

  SUBCASE("the repository's hooks folder by default") {
    CHECK(fs::equivalent(review::core::hooks_dir(repo).parent_path(), scratch / "repo/.git"));
    CHECK(review::core::hooks_dir(repo).filename() == "hooks");
  }
  SUBCASE("core.hooksPath relative to the work tree") {
    git_config(scratch / "repo", "core.hooksPath", ".githooks");
    CHECK(review::core::hooks_dir(repo) == repo.workdir() / ".githooks");
  }
  SUBCASE("core.hooksPath absolute") {
    git_config(scratch / "repo", "core.hooksPath", (scratch / "shared-hooks").string());
    CHECK(review::core::hooks_dir(repo) == scratch / "shared-hooks");
  }
  SUBCASE("core.hooksPath under the home folder") {
    git_config(scratch / "repo", "core.hooksPath", "~/hooks");
    const char* home = std::getenv("HOME");
    REQUIRE(home != nullptr);
    CHECK(review::core::hooks_dir(repo) == fs::path(std::string(home) + "/hooks"));
  }
}

TEST_CASE("pre_commit_script") {
  SUBCASE("lints the staged reviews of the configured folder and chains pre-commit.local") {
    review::core::PreCommitSettings settings;
    settings.reviews_dir = "deals";
    settings.fallback_binary = "/opt/it's here/review";
    const std::string script = review::core::pre_commit_script(settings);
    CHECK(script.starts_with("#!/bin/sh\n"));
    CHECK(review::core::is_review_hook(script));
    CHECK(script.find("\"$hook_dir/pre-commit.local\" \"$@\" || exit $?") != std::string::npos);
    CHECK(script.find("|| review='/opt/it'\\''s here/review'\n") != std::string::npos);
    CHECK(script.find("--diff-filter=ACMR -- 'deals/*.md')") != std::string::npos);
    CHECK(script.find("cd -- ") == std::string::npos);
  }
  SUBCASE("changes to the folder of review.yaml when it is not the top of the work tree") {
    review::core::PreCommitSettings settings;
    settings.config_dir = "sales/win-loss";
    CHECK(review::core::pre_commit_script(settings).find("cd -- 'sales/win-loss' || exit 1\n") !=
          std::string::npos);
  }
  SUBCASE("a foreign hook is not ours") {
    CHECK_FALSE(review::core::is_review_hook("#!/bin/sh\nmake lint\n"));
  }
}

TEST_CASE("install_pre_commit_hook") {
  ScratchDir scratch;
  const GitRepo repo = GitRepo::init(scratch / "repo");
  const fs::path hooks = review::core::hooks_dir(repo);
  const fs::path hook = hooks / "pre-commit";

  SUBCASE("writes an executable hook, then leaves it alone or updates it") {
    const auto first = review::core::install_pre_commit_hook(repo, k_script);
    CHECK(first.change == HookChange::installed);
    CHECK(first.hook == hook);
    CHECK_FALSE(first.chained.has_value());
    CHECK(read_text(hook) == k_script);
    CHECK(is_executable(hook));

    CHECK(review::core::install_pre_commit_hook(repo, k_script).change == HookChange::unchanged);
    const std::string newer = k_script + "# a later version\n";
    CHECK(review::core::install_pre_commit_hook(repo, newer).change == HookChange::updated);
    CHECK(read_text(hook) == newer);
    CHECK_FALSE(fs::exists(hooks / "pre-commit.local"));
  }
  SUBCASE("keeps an existing hook as pre-commit.local, unchanged") {
    write_text(hook, "#!/bin/sh\nmake check\n");
    fs::permissions(hook, fs::perms::owner_all);
    const auto result = review::core::install_pre_commit_hook(repo, k_script);
    CHECK(result.change == HookChange::installed);
    REQUIRE(result.chained.has_value());
    CHECK(*result.chained == hooks / "pre-commit.local");
    CHECK(read_text(hooks / "pre-commit.local") == "#!/bin/sh\nmake check\n");
    CHECK(is_executable(hooks / "pre-commit.local"));
    CHECK(read_text(hook) == k_script);

    SUBCASE("and installing again does not chain our own hook") {
      const auto again = review::core::install_pre_commit_hook(repo, k_script);
      CHECK(again.change == HookChange::unchanged);
      CHECK(read_text(hooks / "pre-commit.local") == "#!/bin/sh\nmake check\n");
    }
  }
  SUBCASE(
      "refuses, changing nothing, when pre-commit and pre-commit.local are both someone else's") {
    write_text(hook, "#!/bin/sh\nmake check\n");
    write_text(hooks / "pre-commit.local", "#!/bin/sh\nmake lint\n");
    CHECK_THROWS_AS(review::core::install_pre_commit_hook(repo, k_script), review::core::Error);
    CHECK(read_text(hook) == "#!/bin/sh\nmake check\n");
    CHECK(read_text(hooks / "pre-commit.local") == "#!/bin/sh\nmake lint\n");
  }
  SUBCASE("creates core.hooksPath's folder") {
    git_config(scratch / "repo", "core.hooksPath", ".githooks");
    const auto result = review::core::install_pre_commit_hook(repo, k_script);
    CHECK(result.hook == repo.workdir() / ".githooks/pre-commit");
    CHECK(read_text(scratch / "repo/.githooks/pre-commit") == k_script);
  }
}

TEST_CASE("uninstall_pre_commit_hook") {
  ScratchDir scratch;
  const GitRepo repo = GitRepo::init(scratch / "repo");
  const fs::path hooks = review::core::hooks_dir(repo);

  SUBCASE("nothing to do without a hook") {
    const auto result = review::core::uninstall_pre_commit_hook(repo);
    CHECK_FALSE(result.removed);
    CHECK_FALSE(result.restored.has_value());
  }
  SUBCASE("removes our hook and puts back the one it chained") {
    write_text(hooks / "pre-commit", "#!/bin/sh\nmake check\n");
    review::core::install_pre_commit_hook(repo, k_script);
    const auto result = review::core::uninstall_pre_commit_hook(repo);
    CHECK(result.removed);
    CHECK(result.restored == hooks / "pre-commit");
    CHECK(read_text(hooks / "pre-commit") == "#!/bin/sh\nmake check\n");
    CHECK_FALSE(fs::exists(hooks / "pre-commit.local"));
  }
  SUBCASE("leaves someone else's hook alone") {
    write_text(hooks / "pre-commit", "#!/bin/sh\nmake check\n");
    CHECK_THROWS_WITH_AS(review::core::uninstall_pre_commit_hook(repo),
                         ((hooks / "pre-commit").string() +
                          " was not written by `review hooks install`, so it was left as it is")
                             .c_str(),
                         review::core::Error);
    CHECK(read_text(hooks / "pre-commit") == "#!/bin/sh\nmake check\n");
  }
}
