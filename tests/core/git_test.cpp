// GitRepo against real repositories built with the git CLI: no repo, no commits,
// normal history, detached HEAD, shallow clones, branches and trees.
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/history_cache.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using review::core::GitRepo;
using review::test::read_text;
using review::test::run_command;
using review::test::ScratchDir;
using review::test::shell_quote;
using review::test::write_text;

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_day1 = 1767225600; // 2026-01-01T00:00:00Z
constexpr std::int64_t k_day2 = k_day1 + k_day;
constexpr std::int64_t k_day3 = k_day1 + 2 * k_day;

// A scratch folder holding repositories, with git run so that neither the machine's
// nor the user's configuration leaks in.
class Sandbox {
public:
  [[nodiscard]] std::filesystem::path path(const std::string& part) const {
    return m_scratch / part;
  }

  std::string git(const std::string& arguments, const std::string& dir = "repo",
                  const std::string& env = "") const {
    const auto result = run_command(
        "GIT_CONFIG_NOSYSTEM=1 HOME=" + shell_quote(m_scratch.path().string()) + " " + env +
            " git -c user.name=T -c user.email=t@example.com -c init.defaultBranch=main"
            " -c advice.detachedHead=false " +
            arguments,
        path(dir));
    INFO("git " << arguments << "\n" << result.output);
    REQUIRE(result.exit_code == 0);
    return result.output;
  }

  void init(const std::string& dir = "repo") const {
    std::filesystem::create_directories(path(dir));
    git("init -q", dir);
  }

  // Commits everything in `dir` as `author` at `time`.
  std::string commit(const std::string& message, const std::string& author, std::int64_t time,
                     const std::string& dir = "repo") const {
    const std::string date = shell_quote(std::to_string(time) + " +0000");
    git("add -A", dir);
    git("commit -q --allow-empty -m " + shell_quote(message), dir,
        "GIT_AUTHOR_NAME=" + shell_quote(author) + " GIT_AUTHOR_EMAIL=a@example.com" +
            " GIT_AUTHOR_DATE=" + date + " GIT_COMMITTER_DATE=" + date);
    return rev_parse("HEAD", dir);
  }

  [[nodiscard]] std::string rev_parse(const std::string& revision,
                                      const std::string& dir = "repo") const {
    std::string id = git("rev-parse " + shell_quote(revision), dir);
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
    return id;
  }

  void write(const std::string& file, const std::string& text) const {
    write_text(path(file), text);
  }

  [[nodiscard]] GitRepo open(const std::string& dir = "repo") const {
    auto repo = GitRepo::discover(path(dir));
    REQUIRE(repo.has_value());
    return std::move(*repo);
  }

private:
  ScratchDir m_scratch;
};

// Three commits by two authors: a.md and b.md under reviews/, c.md elsewhere.
struct History {
  std::string c1, c2, c3;
};

History three_commits(const Sandbox& box) {
  box.init();
  History ids;
  box.write("repo/reviews/a.md", "a1\n");
  box.write("repo/reviews/b.md", "b1\n");
  ids.c1 = box.commit("first", "Ann", k_day1);
  box.write("repo/reviews/a.md", "a2\n");
  box.write("repo/reviews/b.md", "b2\n");
  ids.c2 = box.commit("second", "Bob", k_day2);
  box.write("repo/reviews/a.md", "a3\n");
  box.write("repo/other/c.md", "c3\n");
  ids.c3 = box.commit("third", "Ann", k_day3);
  return ids;
}

// "a, b" for {"a", "b"}: doctest prints strings, not vectors.
std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

const std::string k_shallow_warning =
    "this is a shallow clone, so review history (created, updated, authors) is incomplete; "
    "fetch the full history with `git fetch --unshallow` (or `fetch-depth: 0` in "
    "actions/checkout)";

std::string missing_base_warning(const std::string& base, const std::string& branch) {
  return "the base '" + base +
         "' is not in this clone (a shallow clone fetches only the last commit); linting the "
         "files changed in the last commit and the working tree instead. To compare with '" +
         base +
         "', fetch it: set `fetch-depth: 0` on actions/checkout, or run `git fetch --depth=1 "
         "origin +refs/heads/" +
         branch + ":refs/remotes/origin/" + branch + "`";
}

} // namespace

TEST_CASE("GitRepo::discover outside a repository") {
  ScratchDir scratch;
  CHECK_FALSE(GitRepo::discover(scratch.path()).has_value());
  CHECK_FALSE(GitRepo::discover(scratch / "missing/folder").has_value());
}

TEST_CASE("GitRepo without commits") {
  Sandbox box;
  const GitRepo created = GitRepo::init(box.path("repo"));
  CHECK(read_text(box.path("repo/.git/HEAD")) == "ref: refs/heads/main\n");
  box.write("repo/reviews/2026/a.md", "a\n");
  box.write("repo/notes.md", "n\n");
  GitRepo repo = box.open("repo/reviews");

  SUBCASE("discover from a subfolder or a file finds the same repository") {
    CHECK(std::filesystem::equivalent(repo.workdir(), box.path("repo")));
    const auto from_file = GitRepo::discover(box.path("repo/notes.md"));
    REQUIRE(from_file.has_value());
    CHECK(std::filesystem::equivalent(from_file->workdir(), box.path("repo")));
  }
  SUBCASE("queries degrade") {
    CHECK_FALSE(repo.has_commits());
    CHECK_FALSE(repo.is_head_detached());
    CHECK_FALSE(repo.is_shallow());
    CHECK(repo.current_branch() == "main");
    CHECK_FALSE(repo.branch_exists("main"));
    CHECK_FALSE(repo.resolve("HEAD").has_value());
    CHECK_FALSE(repo.merge_base("HEAD", "main").has_value());
    CHECK_FALSE(repo.default_branch().has_value());
    CHECK_FALSE(repo.read_file_at("HEAD", "notes.md").has_value());
    CHECK(joined(repo.dirty_paths()) == "notes.md, reviews/2026/a.md");
  }
  SUBCASE("history is empty and says why") {
    const std::vector<std::string> paths{"reviews/2026/a.md"};
    std::string warning;
    CHECK(repo.history(paths, &warning).empty());
    CHECK(warning == "the repository has no commits yet, so review history (created, updated, "
                     "authors) is empty; commit the reviews to record it");
    CHECK(repo.history(paths, nullptr).empty());
  }
  SUBCASE("changed_since lists every file of the working tree") {
    box.write("repo/staged.md", "s\n");
    box.git("add staged.md");
    const auto changed = repo.changed_since("main");
    CHECK(joined(changed.paths) == "notes.md, reviews/2026/a.md, staged.md");
    CHECK(changed.base.empty());
    CHECK(changed.warning.empty());
  }
  SUBCASE("create_branch_and_checkout needs a commit") {
    CHECK_THROWS_WITH_AS(
        repo.create_branch_and_checkout("review/x"),
        "cannot create branch 'review/x': the repository has no commits yet; commit once first",
        review::core::Error);
  }
}

TEST_CASE("GitRepo::history") {
  Sandbox box;
  const History ids = three_commits(box);
  const GitRepo repo = box.open();
  std::string warning;

  SUBCASE("created, updated, authors and revisions in one walk") {
    const std::vector<std::string> paths{"reviews/a.md", "reviews/b.md", "reviews/untracked.md"};
    const auto history = repo.history(paths, &warning);
    CHECK(warning.empty());
    REQUIRE(history.size() == 2);
    const auto& a = history.at("reviews/a.md");
    CHECK(a.created == k_day1);
    CHECK(a.updated == k_day3);
    CHECK(a.first_commit == ids.c1);
    CHECK(a.last_commit == ids.c3);
    CHECK(joined(a.authors) == "Ann, Bob");
    CHECK(a.revisions == 3);
    const auto& b = history.at("reviews/b.md");
    CHECK(b.created == k_day1);
    CHECK(b.updated == k_day2);
    CHECK(b.first_commit == ids.c1);
    CHECK(b.last_commit == ids.c2);
    CHECK(joined(b.authors) == "Ann, Bob");
    CHECK(b.revisions == 2);
  }
  SUBCASE("paths in different folders") {
    const std::vector<std::string> paths{"other/c.md", "reviews/b.md"};
    const auto history = repo.history(paths, &warning);
    REQUIRE(history.size() == 2);
    CHECK(joined(history.at("other/c.md").authors) == "Ann");
    CHECK(history.at("other/c.md").revisions == 1);
    CHECK(history.at("reviews/b.md").revisions == 2);
  }
  SUBCASE("a file deleted and added again starts a new history") {
    box.git("rm -q reviews/b.md");
    box.commit("drop b", "Bob", k_day3 + 10);
    box.write("repo/reviews/b.md", "b again\n");
    const std::string again = box.commit("b again", "Cy", k_day3 + 20);
    const std::vector<std::string> paths{"reviews/b.md"};
    const auto history = repo.history(paths, &warning);
    const auto& b = history.at("reviews/b.md");
    CHECK(b.created == k_day3 + 20);
    CHECK(b.first_commit == again);
    CHECK(joined(b.authors) == "Cy");
    CHECK(b.revisions == 1);
  }
  SUBCASE("renames start a new history; mode and type changes are revisions") {
    box.git("mv reviews/b.md reviews/renamed.md");
    const std::string renamed = box.commit("rename", "Bob", k_day3 + 10);
    std::filesystem::permissions(box.path("repo/reviews/a.md"), std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    box.commit("chmod", "Cy", k_day3 + 20);
    box.git("rm -q other/c.md");
    box.write("repo/other/c.md/inside.md", "now a folder\n");
    const std::string folder = box.commit("file to folder", "Cy", k_day3 + 30);
    const std::vector<std::string> paths{"reviews/a.md", "reviews/renamed.md",
                                         "other/c.md/inside.md"};
    const auto history = repo.history(paths, &warning);
    CHECK(warning.empty());
    CHECK(history.at("reviews/renamed.md").first_commit == renamed);
    CHECK(history.at("reviews/renamed.md").revisions == 1);
    CHECK(history.at("reviews/a.md").revisions == 4);
    CHECK(joined(history.at("reviews/a.md").authors) == "Ann, Bob, Cy");
    CHECK(history.at("other/c.md/inside.md").first_commit == folder);
  }
  SUBCASE("names that sort around a folder's name are paired as git orders them") {
    // git orders a folder as "2026/": after "2026-x.md" and "2026.md", before "20260.md".
    const std::vector<std::string> paths{"reviews/2026-x.md", "reviews/2026.md",
                                         "reviews/2026/in.md", "reviews/20260.md"};
    for (const auto& path : paths) box.write("repo/" + path, path + "\n");
    box.commit("around a folder", "Cy", k_day3 + 10);
    box.write("repo/reviews/2026/in.md", "edited\n");
    box.write("repo/reviews/2026.md", "edited\n");
    box.commit("edit two", "Dee", k_day3 + 20);
    const auto history = repo.history(paths, &warning);
    CHECK(history.at("reviews/2026-x.md").revisions == 1);
    CHECK(history.at("reviews/2026.md").revisions == 2);
    CHECK(history.at("reviews/2026/in.md").revisions == 2);
    CHECK(history.at("reviews/20260.md").revisions == 1);
  }
  SUBCASE("merged branches count once, through the merge commit") {
    box.git("switch -q -c side");
    box.write("repo/reviews/b.md", "b side\n");
    box.commit("side", "Cy", k_day3 + 10);
    box.git("switch -q main");
    box.git("merge -q --no-ff -m merge side", "repo",
            "GIT_AUTHOR_NAME=Dee GIT_AUTHOR_DATE='" + std::to_string(k_day3 + 20) +
                " +0000' GIT_COMMITTER_DATE='" + std::to_string(k_day3 + 20) + " +0000'");
    const std::vector<std::string> paths{"reviews/b.md"};
    const auto history = repo.history(paths, &warning);
    const auto& b = history.at("reviews/b.md");
    CHECK(b.revisions == 3);
    CHECK(b.updated == k_day3 + 20);
    CHECK(joined(b.authors) == "Ann, Bob, Dee");
  }
}

TEST_CASE("GitRepo on a detached HEAD") {
  Sandbox box;
  const History ids = three_commits(box);
  box.git("checkout -q --detach HEAD~1");
  const GitRepo repo = box.open();
  CHECK(repo.is_head_detached());
  CHECK(repo.has_commits());
  CHECK_FALSE(repo.current_branch().has_value());
  CHECK(repo.resolve("HEAD") == ids.c2);
  std::string warning;
  const std::vector<std::string> paths{"reviews/a.md"};
  const auto history = repo.history(paths, &warning);
  CHECK(warning.empty());
  CHECK(history.at("reviews/a.md").revisions == 2);
  CHECK(history.at("reviews/a.md").last_commit == ids.c2);
}

TEST_CASE("GitRepo in a shallow clone") {
  Sandbox box;
  const History ids = three_commits(box);
  box.git("branch feature");
  const std::string source = "file://" + box.path("repo").string();
  std::filesystem::create_directories(box.path("clones"));

  SUBCASE("depth 1: history and changed_since degrade with a warning") {
    box.git("clone -q --depth 1 " + shell_quote(source) + " shallow", "clones");
    box.write("clones/shallow/reviews/new.md", "new\n");
    const GitRepo repo = box.open("clones/shallow");
    CHECK(repo.is_shallow());
    CHECK(repo.has_commits());
    CHECK(repo.current_branch() == "main");
    CHECK(repo.default_branch() == "origin/main");

    std::string warning;
    const std::vector<std::string> paths{"reviews/a.md", "reviews/b.md"};
    std::map<std::string, review::core::FileHistory> history;
    CHECK_NOTHROW(history = repo.history(paths, &warning));
    CHECK(warning == k_shallow_warning);
    CHECK(history.empty()); // what the last commit changed is unknown without its parent

    auto changed = repo.changed_since("main~5");
    CHECK(changed.warning == missing_base_warning("main~5", "main"));
    CHECK(joined(changed.paths) == "other/c.md, reviews/a.md, reviews/b.md, reviews/new.md");
    CHECK(changed.base.empty());

    changed = repo.changed_since("origin/feature");
    CHECK(changed.warning == missing_base_warning("origin/feature", "feature"));
  }
  SUBCASE("depth 2: the commits above the boundary count") {
    box.git("clone -q --depth 2 " + shell_quote(source) + " shallow", "clones");
    const GitRepo repo = box.open("clones/shallow");
    CHECK(repo.is_shallow());
    std::string warning;
    const std::vector<std::string> paths{"reviews/a.md", "reviews/b.md"};
    const auto history = repo.history(paths, &warning);
    CHECK(warning == k_shallow_warning);
    REQUIRE(history.size() == 1);
    CHECK(history.at("reviews/a.md").last_commit == ids.c3);
    CHECK(history.at("reviews/a.md").revisions == 1);

    const auto changed = repo.changed_since("no-such-branch");
    CHECK(changed.warning == missing_base_warning("no-such-branch", "no-such-branch"));
    CHECK(joined(changed.paths) == "other/c.md, reviews/a.md");
    CHECK(changed.base == ids.c2);
  }
}

TEST_CASE("GitRepo::history over a long chain matches git log") {
  // 700 commits are compared in runs on several threads; git log is the reference.
  Sandbox box;
  box.init();
  const std::vector<std::string> files = {"reviews/a.md", "reviews/2026/b.md", "reviews/2026/c.md",
                                          "reviews/2027/d.md", "other/e.md"};
  const std::vector<std::string> authors = {"Ann", "Bob", "Chen"};
  std::string stream;
  for (int i = 0; i < 700; ++i) {
    const std::string& file = files[static_cast<std::size_t>(i * 7 % 11) % files.size()];
    const std::string& author = authors[static_cast<std::size_t>(i / 3) % authors.size()];
    const std::string content = "revision " + std::to_string(i) + "\n";
    const std::string time = std::to_string(k_day1 + i * 60) + " +0000";
    stream += "commit refs/heads/main\nauthor " + author + " <a@example.com> " + time +
              "\ncommitter T <t@example.com> " + time + "\ndata 2\nc\nM 100644 inline " + file +
              "\ndata " + std::to_string(content.size()) + "\n" + content + "\n";
  }
  write_text(box.path("stream"), stream);
  box.git("fast-import --quiet < ../stream");
  box.git("reset -q --hard main");

  const GitRepo repo = box.open();
  std::string warning;
  const auto history = repo.history(files, &warning);
  CHECK(warning.empty());
  for (const std::string& file : files) {
    INFO(file);
    std::istringstream log(box.git("log --first-parent --format=%H%x09%at%x09%an -- " + file));
    std::vector<std::vector<std::string>> commits; // newest first: id, time, author
    for (std::string line; std::getline(log, line);) {
      std::vector<std::string> fields;
      std::istringstream parts(line);
      for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
      commits.push_back(fields);
    }
    REQUIRE(commits.size() > 100);
    const review::core::FileHistory& found = history.at(file);
    CHECK(found.revisions == static_cast<int>(commits.size()));
    CHECK(found.last_commit == commits.front()[0]);
    CHECK(found.first_commit == commits.back()[0]);
    CHECK(found.updated == std::stoll(commits.front()[1]));
    CHECK(found.created == std::stoll(commits.back()[1]));
    std::vector<std::string> expected_authors;
    for (auto it = commits.rbegin(); it != commits.rend(); ++it) {
      if (std::find(expected_authors.begin(), expected_authors.end(), (*it)[2]) ==
          expected_authors.end())
        expected_authors.push_back((*it)[2]);
    }
    CHECK(found.authors == expected_authors);
  }
}

TEST_CASE("GitRepo::history with a cache matches the walk without one") {
  Sandbox box;
  three_commits(box);
  std::string folder = "reviews/";
  SUBCASE("the reviews folder") {}
  SUBCASE("the whole repository") {
    folder.clear();
  }
  const review::core::HistoryCache cache{box.path("cache/history"), folder};
  const std::vector<std::string> all = {"reviews/a.md", "reviews/b.md", "reviews/2026/d.md",
                                        "reviews/new.md"};
  // Each call opens the repository afresh, as each build does.
  const auto check_cached = [&](const std::vector<std::string>& paths) {
    const GitRepo repo = box.open();
    std::string walked_warning;
    std::string cached_warning;
    const auto walked = repo.history(paths, &walked_warning);
    const auto cached = repo.history(paths, &cached_warning, cache);
    CHECK(cached_warning == walked_warning);
    REQUIRE(cached.size() == walked.size());
    for (const auto& [walked_path, expected] : walked) {
      const std::string path = walked_path; // clang 14 cannot capture a structured binding in INFO
      INFO(path);
      REQUIRE(cached.contains(path));
      const review::core::FileHistory& found = cached.at(path);
      CHECK(found.created == expected.created);
      CHECK(found.updated == expected.updated);
      CHECK(found.first_commit == expected.first_commit);
      CHECK(found.last_commit == expected.last_commit);
      CHECK(joined(found.authors) == joined(expected.authors));
      CHECK(found.revisions == expected.revisions);
    }
  };
  check_cached({"reviews/a.md"});
  REQUIRE(std::filesystem::exists(cache.file));

  SUBCASE("new commits: edits, an addition, a deletion and a return, new authors") {
    box.write("repo/reviews/a.md", "a4\n");
    box.write("repo/reviews/2026/d.md", "d4\n");
    box.commit("fourth", "Chen", k_day3 + k_day);
    std::filesystem::remove(box.path("repo/reviews/b.md"));
    box.commit("fifth", "Dee", k_day3 + 2 * k_day);
    // b.md was never requested before, and is now a file without history.
    check_cached(all);
    box.write("repo/reviews/b.md", "b6\n");
    box.commit("sixth", "Bob", k_day3 + 3 * k_day);
    check_cached(all);
    check_cached(all); // nothing new since the last call
  }
  SUBCASE("a rewritten history: the kept commit is no longer in HEAD's chain") {
    box.git("reset -q --hard HEAD~2");
    box.write("repo/reviews/a.md", "other\n");
    box.commit("rewritten", "Eve", k_day3 + k_day);
    check_cached(all);
  }
  SUBCASE("an amended last commit") {
    box.write("repo/reviews/b.md", "amended\n");
    box.git("add -A");
    box.git("commit -q --amend --no-edit");
    check_cached(all);
  }
  SUBCASE("a damaged cache is walked again") {
    write_text(cache.file, "not a snapshot");
    check_cached(all);
  }
  SUBCASE("paths outside the folder") {
    check_cached({"reviews/a.md", "other/c.md"});
  }
}

TEST_CASE("GitRepo::history joins new commits to the kept snapshot without walking it again") {
  Sandbox box;
  three_commits(box);
  const review::core::HistoryCache cache{box.path("cache/history"), "reviews/"};
  // A snapshot at HEAD that says more than the repository does: what the call returns
  // for a.md can only come from it.
  review::core::HistorySnapshot kept;
  kept.tip = box.rev_parse("HEAD");
  kept.files["reviews/a.md"] = {1, 2, "f1", "f2", {"Zed", "Ann"}, 40};
  kept.files["reviews/b.md"] = {1, 2, "f1", "f2", {"Zed"}, 40};
  review::core::write_history_snapshot(cache.file, cache.folder, kept);
  box.write("repo/reviews/a.md", "a4\n");
  const std::string fourth = box.commit("fourth", "Chen", k_day3 + k_day);

  std::string warning;
  const auto history =
      box.open().history(std::vector<std::string>{"reviews/a.md", "reviews/b.md"}, &warning, cache);
  CHECK(warning.empty());
  const review::core::FileHistory& a = history.at("reviews/a.md");
  CHECK(a.created == 1);
  CHECK(a.first_commit == "f1");
  CHECK(a.updated == k_day3 + k_day);
  CHECK(a.last_commit == fourth);
  CHECK(a.revisions == 41);
  CHECK(joined(a.authors) == "Zed, Ann, Chen");
  CHECK(history.at("reviews/b.md").revisions == 40);
  // The snapshot now stands at the new commit.
  const auto saved = review::core::read_history_snapshot(cache.file, cache.folder);
  REQUIRE(saved.has_value());
  CHECK(saved->tip == fourth);
  CHECK(saved->files.at("reviews/a.md").revisions == 41);
}

TEST_CASE("GitRepo::changed_since") {
  Sandbox box;
  box.init();
  box.write("repo/reviews/a.md", "a\n");
  box.write("repo/reviews/b.md", "b\n");
  box.write("repo/reviews/gone.md", "g\n");
  const std::string fork = box.commit("base", "Ann", k_day1);
  box.git("switch -q -c feature");
  box.write("repo/reviews/new.md", "new\n");
  box.commit("add new", "Ann", k_day2);
  box.git("rm -q reviews/gone.md");
  box.commit("drop gone", "Ann", k_day2 + 10);
  box.git("switch -q main");
  box.write("repo/reviews/b.md", "b on main\n");
  box.commit("main moves on", "Bob", k_day3);
  box.git("switch -q feature");
  box.write("repo/reviews/a.md", "a edited\n");
  box.write("repo/reviews/untracked.md", "u\n");
  box.write("repo/reviews/2026/deep.md", "d\n");
  box.write("repo/reviews/staged.md", "s\n");
  box.git("add reviews/staged.md");
  const GitRepo repo = box.open();

  SUBCASE("added, modified, staged and untracked since the merge base") {
    const auto changed = repo.changed_since("main");
    CHECK(changed.warning.empty());
    CHECK(changed.base == fork);
    CHECK(joined(changed.paths) == "reviews/2026/deep.md, reviews/a.md, reviews/new.md, "
                                   "reviews/staged.md, reviews/untracked.md");
  }
  SUBCASE("refs and bases") {
    CHECK(repo.current_branch() == "feature");
    CHECK(repo.resolve("main") == box.rev_parse("main"));
    CHECK(repo.resolve("feature~1") == box.rev_parse("feature~1"));
    CHECK_FALSE(repo.resolve("nope").has_value());
    CHECK(repo.merge_base("main", "HEAD") == fork);
    CHECK_FALSE(repo.merge_base("main", "nope").has_value());
    CHECK(repo.default_branch() == "main");
    CHECK(repo.branch_exists("feature"));
    CHECK_FALSE(repo.branch_exists("nope"));
  }
  SUBCASE("dirty_paths") {
    CHECK(joined(repo.dirty_paths()) ==
          "reviews/2026/deep.md, reviews/a.md, reviews/staged.md, reviews/untracked.md");
  }
}

// git's own answer: files differing from `base` in the working tree (staged or not),
// added or modified, and untracked files, sorted.
std::string git_changed_since(const Sandbox& box, const std::string& base) {
  std::set<std::string> paths;
  std::istringstream lines(box.git("diff --name-only --no-renames --diff-filter=d " + base) +
                           box.git("ls-files --others --exclude-standard"));
  for (std::string line; std::getline(lines, line);) paths.insert(line);
  return joined(std::vector<std::string>(paths.begin(), paths.end()));
}

TEST_CASE("GitRepo::changed_since matches git on staged changes, folder by folder") {
  // The staged side is found by comparing tree ids computed from the index with the
  // base commit's, folder by folder; git's answer is the reference.
  Sandbox box;
  box.init();
  for (const char* file :
       {"reviews/a.md", "reviews/a-b.md", "reviews/a/x.md", "reviews/a0.md",
        "reviews/2025/q1/one.md", "reviews/2025/q2/two.md", "reviews/2026/three.md",
        "reviews/becomes-folder", "top.md", "tools/run.sh"})
    box.write(std::string("repo/") + file, std::string(file) + "\n");
  const std::string base = box.commit("base", "Ann", k_day1);

  SUBCASE("nothing changed") {
    CHECK(joined(box.open().changed_since(base).paths).empty());
  }
  SUBCASE("staged edits, additions, a mode change, a file that became a folder") {
    box.write("repo/reviews/2025/q2/two.md", "edited\n");
    box.write("repo/reviews/a/y.md", "new in a folder\n");
    box.write("repo/reviews/2027/new/deep.md", "new folder\n");
    box.write("repo/reviews/a-.md", "sorts between a-b.md and a.md\n");
    std::filesystem::permissions(box.path("repo/tools/run.sh"), std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    box.git("rm -q reviews/becomes-folder");
    box.write("repo/reviews/becomes-folder/inside.md", "now a folder\n");
    box.git("add -A");
    box.write("repo/reviews/2026/three.md", "edited, not staged\n");
    box.write("repo/untracked/u.md", "u\n");
    const std::string expected = git_changed_since(box, base);
    CHECK(expected == "reviews/2025/q2/two.md, reviews/2026/three.md, "
                      "reviews/2027/new/deep.md, reviews/a-.md, reviews/a/y.md, "
                      "reviews/becomes-folder/inside.md, tools/run.sh, untracked/u.md");
    CHECK(joined(box.open().changed_since(base).paths) == expected);
  }
  SUBCASE("an intent-to-add file") {
    box.write("repo/reviews/intent.md", "i\n");
    box.git("add -N reviews/intent.md");
    CHECK(joined(box.open().changed_since(base).paths) == "reviews/intent.md");
    CHECK(git_changed_since(box, base) == "reviews/intent.md");
  }
  SUBCASE("a merge conflict") {
    box.git("switch -q -c other");
    box.write("repo/top.md", "other\n");
    box.commit("other", "Ann", k_day2);
    box.git("switch -q main");
    box.write("repo/top.md", "main\n");
    box.commit("main", "Ann", k_day3);
    box.git("merge -q other || true"); // top.md conflicts: lint it, markers and all
    CHECK(joined(box.open().changed_since(base).paths) == "top.md");
  }
}

TEST_CASE("GitRepo::create_branch_and_checkout") {
  Sandbox box;
  box.init();
  box.write("repo/a.md", "a\n");
  const std::string head = box.commit("first", "Ann", k_day1);
  box.write("repo/a.md", "a edited\n");
  GitRepo repo = box.open();

  repo.create_branch_and_checkout("review/x");
  CHECK(repo.current_branch() == "review/x");
  CHECK(repo.branch_exists("review/x"));
  CHECK(box.rev_parse("HEAD") == head);
  CHECK(box.git("symbolic-ref HEAD") == "refs/heads/review/x\n");
  CHECK(box.git("status --porcelain") == " M a.md\n");
  CHECK(read_text(box.path("repo/a.md")) == "a edited\n");

  CHECK_THROWS_WITH_AS(repo.create_branch_and_checkout("review/x"),
                       "branch 'review/x' already exists; switch to it with `git switch "
                       "review/x` or pick another name",
                       review::core::Error);
  CHECK_THROWS_AS(repo.create_branch_and_checkout("bad..name"), review::core::Error);
}

TEST_CASE("GitRepo::read_tree and read_file_at") {
  Sandbox box;
  box.init();
  box.write("repo/README.md", "readme\n");
  box.write("repo/reviews/a.md", "a1\n");
  box.write("repo/reviews/2026/b.md", "b1\n");
  box.commit("first", "Ann", k_day1);
  box.write("repo/reviews/a.md", "a2\n");
  box.commit("second", "Ann", k_day2);
  const GitRepo repo = box.open();

  using Files = std::map<std::string, std::string>;
  CHECK(repo.read_tree("HEAD", "reviews") ==
        Files{{"reviews/2026/b.md", "b1\n"}, {"reviews/a.md", "a2\n"}});
  CHECK(repo.read_tree("HEAD~1", "reviews/") ==
        Files{{"reviews/2026/b.md", "b1\n"}, {"reviews/a.md", "a1\n"}});
  CHECK(repo.read_tree("main", "") ==
        Files{{"README.md", "readme\n"}, {"reviews/2026/b.md", "b1\n"}, {"reviews/a.md", "a2\n"}});
  CHECK(repo.read_tree("HEAD", "missing").empty());
  CHECK(repo.read_tree("HEAD", "README.md").empty());
  CHECK_THROWS_WITH_AS(repo.read_tree("nope", ""),
                       "cannot read 'nope': no such commit in this repository",
                       review::core::Error);

  CHECK(repo.read_file_at("HEAD~1", "reviews/a.md") == "a1\n");
  CHECK(repo.read_file_at("HEAD", "reviews/2026/b.md") == "b1\n");
  CHECK_FALSE(repo.read_file_at("HEAD", "nope.md").has_value());
  CHECK_FALSE(repo.read_file_at("HEAD", "reviews").has_value());
  CHECK_FALSE(repo.read_file_at("nope", "README.md").has_value());
}

TEST_CASE("GitRepo in a linked worktree and a bare repository") {
  Sandbox box;
  const History ids = three_commits(box);
  box.git("worktree add -q ../linked -b linked");
  box.git("clone -q --bare repo bare.git", ".");

  SUBCASE("a linked worktree shares the main repository's git folder") {
    const GitRepo linked = box.open("linked");
    CHECK(std::filesystem::equivalent(linked.workdir(), box.path("linked")));
    CHECK(std::filesystem::equivalent(linked.common_dir(), box.path("repo/.git")));
    CHECK(linked.current_branch() == "linked");
    const std::vector<std::string> paths{"reviews/a.md"};
    CHECK(linked.history(paths, nullptr).at("reviews/a.md").revisions == 3);
  }
  SUBCASE("a bare repository has history but no working tree") {
    const GitRepo bare = box.open("bare.git");
    CHECK(bare.workdir().empty());
    CHECK(bare.dirty_paths().empty());
    const std::vector<std::string> paths{"reviews/b.md"};
    CHECK(bare.history(paths, nullptr).at("reviews/b.md").last_commit == ids.c2);
    CHECK(joined(bare.changed_since(ids.c1).paths) == "other/c.md, reviews/a.md, reviews/b.md");
  }
}

TEST_CASE("GitRepo::config_string") {
  Sandbox box;
  box.init();
  box.git("config user.name 'Rita Reviewer'");
  box.git("config user.email rita@example.com");
  const GitRepo repo = box.open();
  CHECK(repo.user_name() == "Rita Reviewer");
  CHECK(repo.user_email() == "rita@example.com");
  CHECK(repo.config_string("core.bare") == "false");
  CHECK_FALSE(repo.config_string("review.absent").has_value());
}
