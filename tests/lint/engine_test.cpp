// The lint engine: severities from review.yaml, inline control comments, the
// findings that are not a rule's, file selection and a deterministic order.
#include "core/error.hpp"
#include "lint/engine.hpp"

#include "lint_support.hpp"
#include "support.hpp"
#include <doctest/doctest.h>

#include <algorithm>

namespace {

using namespace review::test;
using review::lint::lint_reviews;
using review::lint::LintReport;
using review::lint::LintScope;

LintReport lint_text(std::string_view text, const review::core::Config& config = test_config()) {
  std::vector<review::core::Review> reviews;
  reviews.push_back(review::core::parse_review(text, std::string(k_clean_path), config));
  LintScope scope;
  scope.today = k_today;
  scope.repo_paths = {std::string(k_clean_path)};
  return lint_reviews(config, reviews, scope);
}

// "12:5 warning: message [rule]" per finding.
std::string findings_of(const LintReport& report) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    out += fmt::format("{}:{}:{} {}: {} [{}]\n", d.file, d.position.line, d.position.column,
                       review::core::severity_name(d.severity), d.message, d.rule);
  }
  return out;
}

constexpr std::string_view k_heading = "## Summary\n\n";
constexpr std::string_view k_last_line =
    "both vendors against controls we first saw after the decision.\n";
// The clean review with one error-level finding in it.
std::string todo_review() {
  return replaced(k_clean_review, "chose LedgerCo after", "chose LedgerCo (TODO) after");
}

TEST_CASE("engine") {
  const std::string k_todo_review = todo_review();
  SUBCASE("the clean review passes every rule") {
    const auto report = lint_text(k_clean_review);
    CHECK(findings_of(report) == "");
    CHECK(report.files_checked == 1);
  }

  SUBCASE("counts by severity") {
    auto text = replaced(k_todo_review, "[security-compliance, capability-gap, price]", "[price]");
    const auto report = lint_text(text);
    CHECK(report.errors == 1);
    CHECK(report.warnings == 1);
    CHECK(report.suggestions == 0);
    CHECK(report.sources.at(std::string(k_clean_path)).starts_with("---\nschema: 1\n"));
  }

  SUBCASE("severities from review.yaml: changed, capped and off") {
    CHECK(findings_of(
              lint_text(k_todo_review, test_config("rules:\n  placeholders: suggestion\n"))) ==
          std::string(k_clean_path) +
              ":26:60 suggestion: 'TODO' is still in the text [placeholders]\n");
    CHECK(findings_of(lint_text(k_todo_review,
                                test_config("rules:\n  placeholders: {severity: off}\n"))) == "");
  }

  SUBCASE("unknown rules and options in review.yaml, with did you mean") {
    const auto report = lint_text(
        k_clean_review, test_config("rules:\n  placeholder: off\n  brevity: {max_word: 10}\n"));
    CHECK(findings_of(report) == "review.yaml:2:3 warning: unknown rule 'placeholder' under "
                                 "'rules' — did you mean 'placeholders'? [config]\n"
                                 "review.yaml:3:13 warning: rule 'brevity' has no option "
                                 "'max_word' — did you mean 'max_words'? [config]\n");
    CHECK_FALSE(report.config_failed);
  }

  SUBCASE("a malformed option is a config error") {
    const auto report =
        lint_text(k_clean_review, test_config("rules:\n  brevity: {max_words: lots}\n"));
    CHECK(findings_of(report) == "review.yaml:2:24 error: option 'max_words' of rule 'brevity' "
                                 "must be a whole number of at least 1, got "
                                 "'lots' [config]\n");
    CHECK(report.config_failed);
  }

  SUBCASE("an option of the wrong kind says what it got") {
    const auto report =
        lint_text(k_clean_review, test_config("rules:\n  brevity: {max_words: [1200]}\n"));
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].message ==
          "option 'max_words' of rule 'brevity' must be a whole number of at least 1, got a list");
  }

  SUBCASE("a switch that is not true or false is a config error") {
    const auto report =
        lint_text(k_clean_review, test_config("rules:\n  actions: {overdue: yes}\n"));
    CHECK(findings_of(report) == "review.yaml:2:22 error: option 'overdue' of rule 'actions' "
                                 "must be true or false, got 'yes' [config]\n");
    CHECK(report.config_failed);
  }

  SUBCASE("an invalid RE2 pattern is a config error") {
    const auto report =
        lint_text(k_clean_review, test_config("rules:\n  privacy: {allow: ['(unclosed']}\n"));
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].message.starts_with(
        "pattern '(unclosed' in option 'allow' of rule 'privacy' is not a "
        "valid regular expression: "));
    CHECK(report.config_failed);
  }

  SUBCASE("disable and enable a rule over a range") {
    auto text = replaced(k_todo_review, k_heading,
                         std::string(k_heading) + "<!-- review-lint disable placeholders -->\n");
    text = replaced(text, k_last_line,
                    std::string(k_last_line) + "<!-- review-lint enable placeholders -->\nTODO\n");
    CHECK(findings_of(lint_text(text)) ==
          std::string(k_clean_path) + ":30:1 error: 'TODO' is still in the text [placeholders]\n");
  }

  SUBCASE("disable without a rule list switches every rule off") {
    const auto text = replaced(k_todo_review, k_heading,
                               std::string(k_heading) + "<!-- review-lint disable -->\n");
    CHECK(findings_of(lint_text(text)) == "");
  }

  SUBCASE("disable-next-line covers only the line after the comment") {
    auto text = replaced(k_todo_review, k_heading,
                         std::string(k_heading) +
                             "<!-- review-lint disable-next-line placeholders, privacy -->\n");
    text = replaced(text, k_last_line, std::string(k_last_line) + "TODO\n");
    CHECK(findings_of(lint_text(text)) ==
          std::string(k_clean_path) + ":29:1 error: 'TODO' is still in the text [placeholders]\n");
  }

  SUBCASE("a comment over several lines covers the line after its end") {
    const auto text = replaced(k_todo_review, k_heading,
                               std::string(k_heading) +
                                   "<!--\n  review-lint disable-next-line placeholders\n-->\n");
    CHECK(findings_of(lint_text(text)) == "");
  }

  SUBCASE("an unknown rule or instruction in a control comment is reported") {
    const auto text =
        replaced(k_todo_review, k_heading,
                 std::string(k_heading) + "<!-- review-lint disable placeholder -->\n<!-- "
                                          "review-lint disabel placeholders -->\n");
    CHECK(findings_of(lint_text(text)) ==
          std::string(k_clean_path) +
              ":26:1 warning: unknown rule 'placeholder' in this review-lint comment — did you "
              "mean 'placeholders'? [review-lint]\n" +
              std::string(k_clean_path) +
              ":27:1 warning: unknown review-lint instruction 'disabel' — did you mean 'disable'? "
              "[review-lint]\n" +
              std::string(k_clean_path) +
              ":28:60 error: 'TODO' is still in the text [placeholders]\n");
  }

  SUBCASE("encoding problems are always errors, whatever the config") {
    const auto text = replaced(k_clean_review, "chose LedgerCo", "chose \xFF LedgerCo");
    const std::string all_off = "rules: {front-matter: off, sections: off, placeholders: off}\n";
    const auto report = lint_text(text, test_config(all_off));
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].rule == "file");
    CHECK(report.diagnostics[0].severity == review::core::Severity::error);
  }

  SUBCASE("files that could not be loaded are reported as given") {
    const std::vector<review::core::Review> none;
    const auto report = lint_reviews(
        test_config(), none, LintScope{},
        {review::core::Diagnostic{
            "file", review::core::Severity::error, "too big", "", "reviews/2026/huge.md", {1, 1}}});
    CHECK(report.files_checked == 1);
    CHECK(report.errors == 1);
  }

  SUBCASE("the order is deterministic, whatever the threads") {
    std::vector<review::core::Review> reviews;
    const auto config = test_config();
    for (int i = 0; i < 40; ++i) {
      const std::string path = fmt::format("reviews/2026/2026-08-14-account-{:02}.md", 39 - i);
      reviews.push_back(review::core::parse_review(k_todo_review, path, config));
    }
    LintScope scope;
    scope.today = k_today;
    scope.threads = 4;
    const auto first = findings_of(lint_reviews(config, reviews, scope));
    scope.threads = 1;
    CHECK(first == findings_of(lint_reviews(config, reviews, scope)));
    CHECK(first.starts_with("reviews/2026/2026-08-14-account-00.md:26:60 error: 'TODO'"));
  }
}

TEST_CASE("engine lint_repo") {
  const std::string k_todo_review = todo_review();
  ScratchDir repo;
  write_text(repo / "review.yaml", "rules: {}\n");
  write_text(repo / "reviews/2026/2026-08-14-northwind-pay.md", std::string(k_clean_review));
  write_text(repo / "reviews/2026/2026-08-15-todo.md",
             replaced(replaced(k_todo_review, "close_date: 2026-08-14", "close_date: 2026-08-15"),
                      "Northwind", "Todo"));
  write_text(repo / "reviews/README.md", "# Reviews\nTODO\n");
  write_text(repo / "drafts/2026-08-14-northwind-pay.md", std::string(k_clean_review));
  const auto config = review::core::load_config(repo.path());
  review::lint::LintOptions options;
  options.today = k_today;

  SUBCASE("the whole repo: every review, README.md left out") {
    const auto report = review::lint::lint_repo(config, options);
    CHECK(report.files_checked == 2);
    CHECK(findings_of(report) == "reviews/2026/2026-08-15-todo.md:26:60 error: 'TODO' is still in "
                                 "the text [placeholders]\n");
  }

  SUBCASE("a file named on the command line is checked against the repo's ids") {
    options.paths = {repo / "drafts/2026-08-14-northwind-pay.md"};
    const auto report = review::lint::lint_repo(config, options);
    CHECK(report.files_checked == 1);
    CHECK(findings_of(report) ==
          "drafts/2026-08-14-northwind-pay.md:1:1 error: another review has the same id "
          "'2026-08-14-northwind-pay': reviews/2026/2026-08-14-northwind-pay.md [consistency]\n");
    // The file had no finding of a file rule, so its text was dropped after them and is
    // read again for the excerpt; a file with one keeps its text.
    CHECK(report.sources.at("drafts/2026-08-14-northwind-pay.md") == k_clean_review);
  }

  SUBCASE("the text of every file with a finding is in the report, as parsed") {
    const auto report = review::lint::lint_repo(config, options);
    CHECK(report.sources.size() == 1);
    CHECK(report.sources.at("reviews/2026/2026-08-15-todo.md").find("(TODO)") != std::string::npos);
  }

  SUBCASE("a folder") {
    options.paths = {repo / "reviews/2026"};
    CHECK(review::lint::lint_repo(config, options).files_checked == 2);
  }

  SUBCASE("a path that does not exist is an error, not a finding") {
    options.paths = {repo / "reviews/2027"};
    CHECK_THROWS_AS(review::lint::lint_repo(config, options), review::core::Error);
  }

  SUBCASE("--changed outside a git repository is an error") {
    options.changed = true;
    CHECK_THROWS_AS(review::lint::lint_repo(config, options), review::core::Error);
  }
}

} // namespace
