// build_site and `review build`: reviews that fail to parse are reported and left
// out, confidential ones stay off the site, output is deterministic, a failed or
// killed build leaves the previous site, and --ref builds a git ref's tree.
#include "core/config.hpp"
#include "core/error.hpp"
#include "site/build.hpp"
#include "site/output.hpp"
#include "site/site_test_support.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

using namespace review;
using review::test::copy_fixture;
using review::test::inode;
using review::test::pinned_options;
using review::test::read_text;
using review::test::read_tree;
using review::test::run_command;
using review::test::run_review;
using review::test::ScratchDir;
using review::test::shell_quote;
using review::test::write_text;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The same files with the same bytes under both folders.
void check_same_files(const fs::path& actual, const fs::path& expected) {
  const auto got = read_tree(actual);
  const auto want = read_tree(expected);
  CHECK(got.size() == want.size());
  for (const auto& [path, content] : want) {
    // clang 14 cannot capture a structured binding in INFO, hence the named copy.
    const std::string& file = path;
    INFO(file);
    CHECK(got.contains(file));
    if (got.contains(file)) CHECK(got.at(file) == content);
  }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// git with nothing of the machine's or user's configuration.
void git(const std::string& arguments, const fs::path& dir, const fs::path& home) {
  const auto result =
      run_command("GIT_CONFIG_NOSYSTEM=1 HOME=" + shell_quote(home.string()) +
                      " GIT_AUTHOR_DATE='1767225600 +0000' GIT_COMMITTER_DATE='1767225600 +0000'"
                      " git -c user.name='Ana Silva' -c user.email=a@example.com"
                      " -c init.defaultBranch=main " +
                      arguments,
                  dir);
  INFO("git " << arguments << "\n" << result.output);
  REQUIRE(result.exit_code == 0);
}

} // namespace

TEST_CASE("build") {
  ScratchDir scratch;
  const fs::path repo = copy_fixture("basic", scratch / "repo");
  const core::Config config = core::load_config(repo);

  SUBCASE("a review that fails to parse is reported with its position and left out") {
    const site::BuildResult result = site::build_site(config, pinned_options(scratch / "out"));
    REQUIRE(result.problems.size() == 1);
    const core::Diagnostic& problem = result.problems.front();
    CHECK(problem.file == "reviews/2026/2026-04-01-delta-broken.md");
    CHECK(problem.position.line == 5);
    CHECK(contains(problem.message, "'wonn'"));
    CHECK(contains(problem.message, "the review was left out of the site"));
    CHECK(result.reviews == 2);
    CHECK(result.confidential == 1);
    CHECK(fs::exists(scratch / "out/reviews/2026-02-10-alpha-bank.html"));
    CHECK(fs::exists(scratch / "out/reviews/2026-05-20-beta-retail.html"));
    CHECK_FALSE(fs::exists(scratch / "out/reviews/2026-04-01-delta-broken.html"));
  }

  SUBCASE("confidential reviews stay off every page and export unless asked for") {
    site::build_site(config, pinned_options(scratch / "out"));
    // clang 14 cannot capture a structured binding in INFO, hence the named copies.
    for (const auto& entry : read_tree(scratch / "out")) {
      INFO(entry.first);
      CHECK_FALSE(contains(entry.second, "Gamma Health"));
    }
    site::BuildOptions internal = pinned_options(scratch / "internal");
    internal.include_confidential = true;
    const site::BuildResult result = site::build_site(config, internal);
    CHECK(result.reviews == 3);
    CHECK(contains(read_text(scratch / "internal/reviews/2026-06-15-gamma-health.html"),
                   "Gamma Health"));
    CHECK(contains(read_text(scratch / "internal/reviews.json"), "\"confidential\":true"));
  }

  SUBCASE("the same input gives the same bytes, however many threads render") {
    site::BuildOptions one = pinned_options(scratch / "one");
    one.threads = 1;
    site::BuildOptions four = pinned_options(scratch / "four");
    four.threads = 4;
    site::build_site(config, one);
    site::build_site(config, four);
    check_same_files(scratch / "four", scratch / "one");
  }

  SUBCASE("outside a git repository history degrades with one warning") {
    const site::BuildResult result = site::build_site(config, pinned_options(scratch / "out"));
    REQUIRE(result.warnings.size() == 1);
    CHECK(contains(result.warnings.front(), "is not in a git repository"));
    CHECK(contains(read_text(scratch / "out/reviews/2026-02-10-alpha-bank.html"),
                   "No git history for this file."));
  }

  SUBCASE("listing pages count the search shards instead of naming each one") {
    site::build_site(config, pinned_options(scratch / "out"));
    const std::string all = read_text(scratch / "out/all/index.html");
    CHECK(contains(all, "\"shardCounts\":{\"lost\":1,\"won\":1}"));
    CHECK_FALSE(contains(all, "search/"));
    CHECK(contains(read_text(scratch / "out/losses/index.html"), "\"shardCounts\":{\"lost\":1}"));
    // site.js builds these names from the counts.
    CHECK(fs::exists(scratch / "out/search/lost-000.js"));
    CHECK(fs::exists(scratch / "out/search/won-000.js"));
  }

  SUBCASE("history kept from the last build counts the commits made since") {
    git("init -q", repo, scratch.path());
    git("add -A", repo, scratch.path());
    git("commit -q -m reviews", repo, scratch.path());
    site::build_site(config, pinned_options(scratch / "out"));
    CHECK(fs::exists(repo / ".git/review-cache/history"));
    const std::string page = "out/reviews/2026-02-10-alpha-bank.html";
    CHECK(contains(read_text(scratch / page), "<dt>Revisions</dt><dd>1</dd>"));
    write_text(repo / "reviews/2026/2026-02-10-alpha-bank.md",
               read_text(repo / "reviews/2026/2026-02-10-alpha-bank.md") + "\nMore.\n");
    git("commit -q -am edit", repo, scratch.path());
    site::build_site(config, pinned_options(scratch / "out"));
    CHECK(contains(read_text(scratch / page), "<dt>Revisions</dt><dd>2</dd>"));
    CHECK(contains(read_text(scratch / "out/reviews/2026-05-20-beta-retail.html"),
                   "<dt>Revisions</dt><dd>1</dd>"));
  }

  SUBCASE("pages linked and reviews read from records equal a build without caches, after any "
          "change") {
    const std::string alpha_md = "reviews/2026/2026-02-10-alpha-bank.md";
    // Written as if an hour ago, so that the review's record is trusted at once
    // (a file modified in the last two seconds is parsed every time).
    const auto write_review = [&](const std::string& path, const std::string& text) {
      write_text(repo / path, text);
      fs::last_write_time(repo / path, fs::file_time_type::clock::now() - std::chrono::hours(1));
    };
    for (const auto& entry : fs::recursive_directory_iterator(repo / "reviews"))
      fs::last_write_time(entry.path(), fs::file_time_type::clock::now() - std::chrono::hours(1));
    // A neighbour in alpha's quarter: its title shows on alpha's page.
    write_review("reviews/2026/2026-03-01-epsilon-bank.md",
                 replace_all(replace_all(read_text(repo / alpha_md), "2026-02-10", "2026-03-01"),
                             "Alpha Bank", "Epsilon Bank"));
    git("init -q", repo, scratch.path());
    git("add -A", repo, scratch.path());
    git("commit -q -m reviews", repo, scratch.path());
    const fs::path alpha_page = scratch / "out/reviews/2026-02-10-alpha-bank.html";
    site::BuildOptions options = pinned_options(scratch / "out");
    const auto check_same_as_fresh = [&](const std::string& step) {
      const core::Config now = core::load_config(repo);
      const site::BuildResult cached = site::build_site(now, options);
      site::BuildOptions fresh = options;
      fresh.out = scratch / ("fresh-" + std::to_string(std::hash<std::string>{}(step)));
      ::setenv("REVIEW_CACHE", "off", 1);
      site::build_site(now, fresh);
      ::unsetenv("REVIEW_CACHE");
      INFO(step);
      check_same_files(options.out, fresh.out);
      return cached.parsed;
    };
    CHECK_FALSE(site::has_review_records(core::load_config(repo)));
    check_same_as_fresh("first build");
    REQUIRE(fs::exists(repo / ".git/review-cache/pages"));
    CHECK(site::has_review_records(core::load_config(repo)));
    ::setenv("REVIEW_CACHE", "off", 1);
    CHECK_FALSE(site::has_review_records(core::load_config(repo)));
    ::unsetenv("REVIEW_CACHE");
    const std::uint64_t first_inode = inode(alpha_page);
    // The broken review is parsed every time, so that its errors are reported.
    CHECK(check_same_as_fresh("nothing changed") == 1);
    CHECK(inode(alpha_page) == first_inode); // linked from the previous site

    // A page edited in the output folder is made again, though its inputs are not.
    write_text(alpha_page, read_text(alpha_page) + "<!-- edited by hand -->");
    check_same_as_fresh("a page edited in the output folder");

    write_review("reviews/2026/2026-03-01-epsilon-bank.md",
                 replace_all(read_text(repo / "reviews/2026/2026-03-01-epsilon-bank.md"),
                             "title: Epsilon Bank treasury platform", "title: Epsilon renamed"));
    CHECK(check_same_as_fresh("a neighbour's title") == 2);
    CHECK(contains(read_text(alpha_page), "Epsilon renamed"));

    write_review(alpha_md, read_text(repo / alpha_md) + "\nOne more sentence.\n");
    CHECK(check_same_as_fresh("the review's own text") == 2);
    write_review(alpha_md, replace_all(read_text(repo / alpha_md), "product: ERP connector",
                                       "finance: ERP connector"));
    check_same_as_fresh("an action's team");
    write_review(alpha_md,
                 replace_all(read_text(repo / alpha_md), "chose us to run", "picked us to run"));
    check_same_as_fresh("the summary");
    write_review(alpha_md,
                 replace_all(read_text(repo / alpha_md), "owner: Lena Park", "owner: Lena Parker"));
    check_same_as_fresh("an action's owner");
    write_review(alpha_md, replace_all(read_text(repo / alpha_md), "outcome: won\n", ""));
    check_same_as_fresh("a review that no longer builds");
    write_review(alpha_md, replace_all(read_text(repo / alpha_md),
                                       "close_date:", "outcome: lost\nclose_date:"));
    check_same_as_fresh("built again, lost");

    write_text(repo / "site/header.html", "<div class=\"banner\">One</div>");
    write_text(repo / "review.yaml", replace_all(read_text(repo / "review.yaml"), "site:\n",
                                                 "site:\n  header: site/header.html\n"));
    check_same_as_fresh("the config");
    write_text(repo / "site/header.html", "<div class=\"banner\">Two</div>");
    check_same_as_fresh("a partial, with the config as it was");
    CHECK(contains(read_text(alpha_page), "Two</div>"));

    git("add -A", repo, scratch.path());
    git("-c user.name='Bo Li' commit -q -m edit", repo, scratch.path());
    check_same_as_fresh("a commit: history");
    CHECK(contains(read_text(alpha_page), "Bo Li"));

    options.today = core::Date{2026, 12, 1};
    check_same_as_fresh("another day: overdue actions");
    options.base_url = "https://reviews.example.com/";
    check_same_as_fresh("another base URL: links in actions.csv and feed.xml");

    // Its id sorts last: the line before it in reviews.json gains a comma.
    write_review("reviews/2026/2026-06-15-zeta-bank.md",
                 replace_all(replace_all(read_text(repo / alpha_md), "2026-02-10", "2026-06-15"),
                             "marketing:", "legal:"));
    check_same_as_fresh("a new review with a new team, last by id");
    fs::remove(repo / "reviews/2026/2026-06-15-zeta-bank.md");
    check_same_as_fresh("a review removed");
  }

  SUBCASE("--ref builds the tree of a commit, with history, without a checkout") {
    git("init -q", repo, scratch.path());
    git("add -A", repo, scratch.path());
    git("commit -q -m reviews", repo, scratch.path());
    fs::remove(repo / "reviews/2026/2026-02-10-alpha-bank.md");
    site::BuildOptions options = pinned_options(scratch / "ref");
    options.ref = "main";
    const site::BuildResult result = site::build_site(config, options);
    CHECK(result.warnings.empty());
    CHECK(result.reviews == 2);
    const std::string page = read_text(scratch / "ref/reviews/2026-02-10-alpha-bank.html");
    CHECK(contains(page, "<dt>Created</dt><dd>1 Jan 2026</dd>"));
    CHECK(contains(page, "<dt>Author</dt><dd>Ana Silva</dd>"));
    CHECK(contains(page, "href=\"https://git.example.com/acme/reviews/blob/"));

    options.ref = "no-such-branch";
    CHECK_THROWS_WITH_AS(site::build_site(config, options),
                         doctest::Contains("'no-such-branch' is not a branch"), core::Error);
  }

  SUBCASE("a repo's theme and partials are added to every page, as written") {
    write_text(repo / "site/theme.css", ":root { --accent: #00594f; }\n");
    write_text(repo / "site/header.html", "<div class=\"acme-banner\">Acme internal</div>");
    write_text(repo / "review.yaml", R"(site:
  title: Acme win/loss reviews
  theme_css: site/theme.css
  header: site/header.html
  footer: site/missing.html
)");
    const core::Config themed = core::load_config(repo);
    const site::BuildResult result = site::build_site(themed, pinned_options(scratch / "out"));
    CHECK(read_text(scratch / "out/assets/theme.css") == ":root { --accent: #00594f; }\n");
    const std::string page = read_text(scratch / "out/reviews/2026-02-10-alpha-bank.html");
    const std::size_t ours = page.find("href=\"../assets/site.css\"");
    const std::size_t theirs = page.find("href=\"../assets/theme.css\"");
    CHECK(ours != std::string::npos);
    CHECK(theirs != std::string::npos);
    CHECK(ours < theirs);
    CHECK(contains(page, "<div class=\"acme-banner\">Acme internal</div>"));
    REQUIRE(result.problems.size() == 2); // the broken review and the missing footer
    CHECK(contains(result.problems.back().message + result.problems.front().message,
                   "'site/missing.html'"));
  }

  SUBCASE("review build prints the problems, builds the rest and exits 1") {
    const auto result = run_review("build --out " + shell_quote((scratch / "cli").string()), repo);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.output, "reviews/2026/2026-04-01-delta-broken.md:5:"));
    CHECK(contains(result.output, "error: "));
    CHECK(contains(result.output, "built 2 reviews into"));
    CHECK(contains(result.output, "1 confidential review left out"));
    CHECK(fs::exists(scratch / "cli/index.html"));
  }

  SUBCASE("review build refuses to replace a folder it did not write") {
    write_text(repo / "mine/notes.txt", "keep me");
    const auto result = run_review("build --out mine", repo);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.output, "was not built by `review build`"));
    CHECK(read_text(repo / "mine/notes.txt") == "keep me");
  }

  SUBCASE("a build killed at any moment leaves a complete site") {
    // Enough reviews that the build takes a while; killed after a short time it
    // has either not swapped yet (the old site stays) or finished (the new one).
    const std::string sample = read_text(repo / "reviews/2026/2026-05-20-beta-retail.md");
    for (int i = 0; i < 400; ++i) {
      write_text(repo / "reviews/2025" / ("2025-03-01-copy-" + std::to_string(i) + ".md"), sample);
    }
    REQUIRE(run_review("build", repo).exit_code == 1);
    const auto complete = [&] {
      int pages = 0;
      for (const auto& entry : fs::directory_iterator(repo / "_site/reviews"))
        pages += entry.is_regular_file() ? 1 : 0;
      return fs::exists(repo / "_site/index.html") &&
             fs::exists(repo / "_site" / site::k_site_marker) &&
             fs::exists(repo / "_site/reviews.json") && pages == 402;
    };
    CHECK(complete());
    for (const char* delay : {"0.05", "0.2"}) {
      run_command("timeout -s KILL " + std::string(delay) + " " + shell_quote(REVIEW_BINARY) +
                      " build",
                  repo);
      INFO("killed after " << delay << " s");
      CHECK(complete());
    }
    // The next build cleans up whatever the killed one left beside the output.
    REQUIRE(run_review("build", repo).exit_code == 1);
    for (const auto& entry : fs::directory_iterator(repo)) {
      CHECK_FALSE(entry.path().filename().string().starts_with("._site."));
    }
  }
}
