// `review lint` and `review rules` end to end, the way a user runs them: exit codes,
// output formats, --changed against real git repositories, the scaffolded templates,
// the project's own sample reviews, and docs/rules.md kept in sync with the registry.
#include "lint/rule_docs.hpp"

#include "lint_support.hpp"
#include "support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>

namespace {

using namespace review::test;

// stdout only (run_review interleaves stderr), for the machine-readable formats.
CommandResult review_stdout(const std::string& arguments, const std::filesystem::path& cwd) {
  return run_command(
      "{ NO_COLOR=1 " + shell_quote(REVIEW_BINARY) + " " + arguments + " 2>/dev/null; }", cwd);
}

// git without the machine's or the user's configuration.
std::string git(const std::string& arguments, const std::filesystem::path& cwd,
                const std::filesystem::path& home) {
  const auto result =
      run_command("GIT_CONFIG_NOSYSTEM=1 HOME=" + shell_quote(home.string()) +
                      " git -c user.name=T -c user.email=t@example.com -c init.defaultBranch=main "
                      "-c advice.detachedHead=false " +
                      arguments,
                  cwd);
  INFO("git " << arguments << "\n" << result.output);
  REQUIRE(result.exit_code == 0);
  return result.output;
}

// The clean review under another close date and account, so each file has its own id and path.
std::string review_for(const std::string& date, const std::string& account,
                       bool with_todo = false) {
  auto text = replaced(k_clean_review, "close_date: 2026-08-14", "close_date: " + date);
  text = replaced(text, "account: Northwind Pay", "account: " + account);
  text = replaced(text, "review_date: 2026-08-29", "review_date: " + date);
  if (with_todo) text = replaced(text, "chose LedgerCo after", "chose LedgerCo (TODO) after");
  return text;
}

std::set<std::string> files_in(const std::string& json_text) {
  std::set<std::string> files;
  const auto json = nlohmann::json::parse(json_text);
  for (const auto& d : json["diagnostics"]) files.insert(d["file"].get<std::string>());
  return files;
}

TEST_CASE("review lint exit codes") {
  ScratchDir repo;
  write_text(repo / "review.yaml", "rules: {}\n");
  write_text(repo / "reviews/2026/2026-08-14-clean.md", review_for("2026-08-14", "Clean"));

  SUBCASE("0 when clean") {
    const auto result = run_review("lint --today 2026-09-01", repo.path());
    CHECK(result.exit_code == 0);
    CHECK(result.output == "no findings in 1 file\n");
  }

  SUBCASE("1 with an error-level finding") {
    write_text(repo / "reviews/2026/2026-08-15-todo.md", review_for("2026-08-15", "Todo", true));
    const auto result = run_review("lint --today 2026-09-01", repo.path());
    CHECK(result.exit_code == 1);
    CHECK(result.output.starts_with(
        "reviews/2026/2026-08-15-todo.md:26:60: error: 'TODO' is still in the text [placeholders]\n"
        "    Northwind Pay replaced its core ledger and chose LedgerCo (TODO) after the CIO "
        "reviewed\n"
        "                                                               ^\n"));
    CHECK(result.output.ends_with("\n1 error in 2 files\n"));
  }

  SUBCASE("0 with warnings, 1 when they are more than --max-warnings") {
    write_text(repo / "reviews/2026/2026-08-14-clean.md",
               replaced(review_for("2026-08-14", "Clean"),
                        "[security-compliance, capability-gap, price]", "[price]"));
    CHECK(run_review("lint --today 2026-09-01", repo.path()).exit_code == 0);
    CHECK(run_review("lint --today 2026-09-01 --max-warnings 1", repo.path()).exit_code == 0);
    const auto over = run_review("lint --today 2026-09-01 --max-warnings 0", repo.path());
    CHECK(over.exit_code == 1);
    CHECK(over.output.find("review: 1 warning, more than --max-warnings 0 allows") !=
          std::string::npos);
  }

  SUBCASE("--quiet shows errors only") {
    write_text(repo / "reviews/2026/2026-08-14-clean.md",
               replaced(review_for("2026-08-14", "Clean"),
                        "[security-compliance, capability-gap, price]", "[price]"));
    const auto result = run_review("lint --quiet --today 2026-09-01", repo.path());
    CHECK(result.exit_code == 0);
    CHECK(result.output == "");
  }

  SUBCASE("2 for usage, config and I/O failures") {
    CHECK(run_review("lint --format xml", repo.path()).exit_code == 2);
    CHECK(run_review("lint --today 14/08/2026", repo.path()).exit_code == 2);
    CHECK(run_review("lint --quarter 2026Q5", repo.path()).exit_code == 2);
    CHECK(run_review("lint --base main", repo.path()).exit_code == 2); // --base needs --changed
    const auto missing = run_review("lint reviews/2027", repo.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.output == "review: reviews/2027: no such file or folder\n");
    const auto no_git = run_review("lint --changed", repo.path());
    CHECK(no_git.exit_code == 2);
    CHECK(no_git.output.find("is not in a git repository") != std::string::npos);

    write_text(repo / "review.yaml", "rules: {brevity: {max_words: lots}}\n");
    const auto bad_option = run_review("lint --today 2026-09-01", repo.path());
    CHECK(bad_option.exit_code == 2);
    CHECK(bad_option.output.starts_with(
        "review.yaml:1:30: error: option 'max_words' of rule 'brevity' must be a whole "
        "number of at least 1, got 'lots' [config]\n"));

    write_text(repo / "review.yaml", "rules: [\n");
    CHECK(run_review("lint", repo.path()).exit_code == 2);
  }

  SUBCASE("an unknown rule in review.yaml is a warning with did you mean") {
    write_text(repo / "review.yaml", "rules:\n  blame-languag: off\n");
    const auto result = run_review("lint --today 2026-09-01", repo.path());
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with(
        "review.yaml:2:3: warning: unknown rule 'blame-languag' under 'rules' — did you mean "
        "'blame-language'? [config]\n      blame-languag: off\n      ^\n"));
  }
}

TEST_CASE("review lint formats") {
  ScratchDir repo;
  write_text(repo / "reviews/2026/2026-08-15-todo.md", review_for("2026-08-15", "Todo", true));

  SUBCASE("json parses, with the summary") {
    const auto result = review_stdout("lint --format json --today 2026-09-01", repo.path());
    CHECK(result.exit_code == 1);
    const auto json = nlohmann::json::parse(result.output);
    REQUIRE(json["diagnostics"].size() == 1);
    CHECK(json["diagnostics"][0]["rule"] == "placeholders");
    CHECK(json["summary"]["files"] == 1);
  }

  SUBCASE("github workflow commands") {
    const auto result = review_stdout("lint --format github --today 2026-09-01", repo.path());
    CHECK(result.output.starts_with(
        "::error file=reviews/2026/2026-08-15-todo.md,line=26,col=60,title=review lint%3A "
        "placeholders::'TODO' is still in the text%0Ahint: "));
  }

  SUBCASE("sarif parses, never coloured") {
    const auto result = review_stdout("lint --format sarif --today 2026-09-01", repo.path());
    const auto log = nlohmann::json::parse(result.output);
    CHECK(log["version"] == "2.1.0");
    CHECK(log["runs"][0]["results"].size() == 1);
  }
}

TEST_CASE("review lint --changed") {
  ScratchDir scratch;
  const auto repo = scratch / "repo";
  std::filesystem::create_directories(repo);
  git("init -q", repo, scratch.path());
  write_text(repo / "reviews/2026/2026-08-01-untouched.md",
             review_for("2026-08-01", "Untouched", true));
  write_text(repo / "reviews/2026/2026-08-02-edited.md", review_for("2026-08-02", "Edited"));
  git("add -A", repo, scratch.path());
  git("commit -q -m base", repo, scratch.path());
  git("checkout -q -b feature", repo, scratch.path());
  write_text(repo / "reviews/2026/2026-08-02-edited.md", review_for("2026-08-02", "Edited", true));
  write_text(repo / "reviews/2026/2026-08-03-added.md", review_for("2026-08-03", "Added", true));
  git("add -A", repo, scratch.path());
  git("commit -q -m feature", repo, scratch.path());
  write_text(repo / "reviews/2026/2026-08-04-uncommitted.md",
             review_for("2026-08-04", "Uncommitted", true));

  SUBCASE("against the merge base with the default branch, plus uncommitted files") {
    const auto result = review_stdout("lint --changed --format json --today 2026-09-01", repo);
    CHECK(result.exit_code == 1);
    CHECK(files_in(result.output) ==
          std::set<std::string>{"reviews/2026/2026-08-02-edited.md",
                                "reviews/2026/2026-08-03-added.md",
                                "reviews/2026/2026-08-04-uncommitted.md"});
  }

  SUBCASE("against a given base, within the given paths") {
    git("tag base-tag HEAD~1", repo, scratch.path());
    const auto result = review_stdout("lint --changed --base base-tag --format json --today "
                                      "2026-09-01 reviews/2026/2026-08-03-added.md",
                                      repo);
    CHECK(files_in(result.output) == std::set<std::string>{"reviews/2026/2026-08-03-added.md"});
  }

  SUBCASE("nothing changed: exit 0") {
    std::filesystem::remove(repo / "reviews/2026/2026-08-04-uncommitted.md");
    const auto result = run_review("lint --changed --base HEAD --today 2026-09-01", repo);
    CHECK(result.exit_code == 0);
    CHECK(result.output == "no findings in 0 files\n");
  }

  SUBCASE("a review that links to a changed file is linted") {
    std::filesystem::remove(repo / "reviews/2026/2026-08-04-uncommitted.md");
    write_text(repo / "shared/2026-08-05-linked.md", review_for("2026-08-05", "Linked"));
    std::filesystem::create_symlink("../../shared/2026-08-05-linked.md",
                                    repo / "reviews/2026/2026-08-05-linked.md");
    git("add -A", repo, scratch.path());
    git("commit -q -m linked", repo, scratch.path());
    CHECK(files_in(review_stdout("lint --changed --base HEAD --format json", repo).output).empty());
    write_text(repo / "shared/2026-08-05-linked.md", review_for("2026-08-05", "Linked", true));
    const auto result =
        review_stdout("lint --changed --base HEAD --format json --today 2026-09-01", repo);
    CHECK(files_in(result.output) == std::set<std::string>{"reviews/2026/2026-08-05-linked.md"});
  }

  SUBCASE("an unknown base is a git failure") {
    const auto result = run_review("lint --changed --base no-such-branch", repo);
    CHECK(result.exit_code == 2);
    CHECK(result.output ==
          "review: --base 'no-such-branch' is not a branch, tag or commit of this repository\n");
  }

  SUBCASE("a shallow clone without the base warns and lints the last commit") {
    git("clone -q --depth 1 --branch feature --single-branch file://" + repo.string() + " shallow",
        scratch.path(), scratch.path());
    const auto result =
        run_review("lint --changed --base main --today 2026-09-01", scratch / "shallow");
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("review: warning: the base 'main' is not in this clone") !=
          std::string::npos);
    CHECK(result.output.find("2026-08-03-added.md:26:60: error") != std::string::npos);
  }
}

TEST_CASE("review lint with the front-matter cache: same findings, and every edit seen") {
  ScratchDir scratch;
  const auto repo = scratch / "repo";
  std::filesystem::create_directories(repo);
  git("init -q", repo, scratch.path());
  const auto edited = repo / "reviews/2026/2026-08-02-edited.md";
  write_text(repo / "reviews/2026/2026-08-01-kept.md", review_for("2026-08-01", "Kept", true));
  write_text(edited, review_for("2026-08-02", "Edited"));

  const std::string lint = "lint --format json --today 2026-09-01";
  const auto lint_uncached = [&] {
    return run_command("{ NO_COLOR=1 REVIEW_CACHE=off " + shell_quote(REVIEW_BINARY) + " " + lint +
                           " 2>/dev/null; }",
                       repo);
  };
  const auto uncached = lint_uncached();
  CHECK_FALSE(std::filesystem::exists(repo / ".git/review-cache"));
  const auto cold = review_stdout(lint, repo);
  CHECK(std::filesystem::exists(repo / ".git/review-cache/front-matter"));
  const auto warm = review_stdout(lint, repo);
  CHECK(cold.output == uncached.output);
  CHECK(warm.output == uncached.output);
  CHECK(warm.exit_code == 1);

  // A front-matter edit (a bad outcome) must be linted, not answered from the cache.
  write_text(edited,
             replaced(review_for("2026-08-02", "Edited"), "outcome: lost", "outcome: lots"));
  const auto after_edit = review_stdout(lint, repo);
  CHECK(after_edit.output.find("lots") != std::string::npos);
  CHECK(after_edit.output == lint_uncached().output);

  // A damaged cache file is ignored and replaced.
  write_text(repo / ".git/review-cache/front-matter", "review front-matter cache 2\ngarbage");
  CHECK(review_stdout(lint, repo).output == after_edit.output);
}

TEST_CASE("review lint on scaffolded templates") {
  ScratchDir repo;
  for (const std::string language : {"en", "zh"}) {
    for (const std::string outcome : {"won", "lost", "no-decision"}) {
      const auto result = run_review(
          "new --no-input --outcome " + outcome + " --account " +
              shell_quote("Acme " + language + " " + outcome) +
              " --ae 'Zhang Qi' --close-date 2026-08-14 --review-date 2026-08-20 --competitor "
              "LedgerCo --lang " +
              language,
          repo.path());
      REQUIRE_MESSAGE(result.exit_code == 0, result.output);
    }
  }
  const auto result = review_stdout("lint --format json --today 2026-09-01", repo.path());
  const auto json = nlohmann::json::parse(result.output);
  CHECK(json["summary"]["files"] == 6);
  std::set<std::string> rules;
  for (const auto& d : json["diagnostics"]) {
    INFO(d.dump());
    CHECK((d["rule"] == "sections" || d["rule"] == "placeholders"));
    rules.insert(d["rule"].get<std::string>());
  }
  CHECK(rules.contains("sections"));
}

TEST_CASE("review lint on the project's sample reviews") {
  // Pinned before any sample action falls due: the samples themselves must be clean.
  const auto pinned = review_stdout("lint --format json --today 2026-01-01", source_dir());
  CHECK(pinned.exit_code == 0);
  const auto json = nlohmann::json::parse(pinned.output);
  CHECK(json["diagnostics"].empty());
  CHECK(json["summary"]["files"].get<int>() >= 16);

  // On any later day, only open actions that have since fallen due may be reported.
  const auto today = review_stdout("lint --format json", source_dir());
  const auto later = nlohmann::json::parse(today.output);
  for (const auto& d : later["diagnostics"]) {
    INFO(d.dump());
    CHECK(d["rule"] == "actions");
    CHECK(d["message"].get<std::string>().find("and is still open") != std::string::npos);
  }
}

TEST_CASE("review rules") {
  ScratchDir cwd;

  SUBCASE("every rule, one per line") {
    const auto result = run_review("rules", cwd.path());
    CHECK(result.exit_code == 0);
    for (const auto& rule : review::lint::all_rules())
      CHECK(result.output.find(std::string(rule.doc.id) + " ") != std::string::npos);
  }

  SUBCASE("one rule in full") {
    const auto result = run_review("rules price-only", cwd.path());
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with(
        "price-only — price named as the sole or reflexive reason for the decision\n"
        "default severity: warning; checks each review\n\nWhy:\n"));
    CHECK(result.output.find("Reported:\n    decision_factors: [price]\n") != std::string::npos);
  }

  SUBCASE("an unknown rule, with did you mean") {
    const auto result = run_review("rules price-onyl", cwd.path());
    CHECK(result.exit_code == 2);
    CHECK(result.output == "review: unknown rule 'price-onyl' — did you mean 'price-only'?\nrun "
                           "`review rules` to see every rule\n");
  }

  SUBCASE("docs/rules.md is generated from the registry (REVIEW_UPDATE_GOLDEN=1 rewrites it)") {
    const auto path = source_dir() / "docs/rules.md";
    const std::string generated = review::lint::rules_markdown();
    CHECK(run_review("rules --format markdown", cwd.path()).output == generated);
    if (std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr) write_text(path, generated);
    CHECK_MESSAGE(read_text(path) == generated,
                  "docs/rules.md is out of date: run the tests with REVIEW_UPDATE_GOLDEN=1, or "
                  "`review rules --format markdown > docs/rules.md`");
  }
}

} // namespace
