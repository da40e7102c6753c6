// The consistency rule: ids, paths and front-matter values that contradict each other.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

TEST_CASE("consistency") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("consistency", k_clean_review)) == "");
  }

  SUBCASE("a file name that does not start with close_date") {
    RuleRun run;
    run.path = "reviews/2026/2026-08-15-northwind-pay.md";
    const auto findings = run_rule("consistency", k_clean_review, test_config(), run);
    CHECK(lines(findings) ==
          "8:13 error: the file name does not start with close_date '2026-08-14'\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.find("git mv reviews/2026/2026-08-15-northwind-pay.md "
                                "reviews/2026/2026-08-14-northwind-pay.md") != std::string::npos);
  }

  SUBCASE("a review in the wrong year's folder") {
    RuleRun run;
    run.path = "reviews/2025/2026-08-14-northwind-pay.md";
    CHECK(lines(run_rule("consistency", k_clean_review, test_config(), run)) ==
          "8:13 error: the review closed in 2026 but sits in 'reviews/2025/'\n");
  }

  SUBCASE("a review outside a year folder is moved into one") {
    RuleRun run;
    run.path = "reviews/2026-08-14-northwind-pay.md";
    const auto findings = run_rule("consistency", k_clean_review, test_config(), run);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.ends_with(
        "`git mv reviews/2026-08-14-northwind-pay.md reviews/2026/2026-08-14-northwind-pay.md`, "
        "or correct close_date if the file name is right"));
  }

  SUBCASE("files outside the reviews folder keep their own names") {
    RuleRun run;
    run.path = "drafts/northwind.md";
    CHECK(lines(run_rule("consistency", k_clean_review, test_config(), run)) == "");
  }

  SUBCASE("lost_to on a won deal") {
    const auto text = replaced(k_clean_review, "outcome: lost", "outcome: won");
    CHECK(lines(run_rule("consistency", text)) ==
          "6:10 error: 'lost_to' is only for lost deals, and this review's outcome is 'won'\n");
  }

  SUBCASE("price contributing without price_evidence") {
    const auto text = replaced(
        k_clean_review,
        "price_evidence: \"CFO: 3-year cost ~12% higher; it mattered less than the audit trail\"",
        "price_evidence: \"\"");
    CHECK(lines(run_rule("consistency", text)) ==
          "21:17 error: price_role is 'contributing' but price_evidence is empty\n");
  }

  SUBCASE("price deciding without evidence is price-only's finding, not this one's") {
    auto text = replaced(k_clean_review, "price_role: contributing", "price_role: deciding");
    text = replaced(
        text,
        "price_evidence: \"CFO: 3-year cost ~12% higher; it mattered less than the audit trail\"\n",
        "");
    CHECK(lines(run_rule("consistency", text)) == "");
  }

  SUBCASE("a review written long after the close is a warning") {
    const auto text =
        replaced(k_clean_review, "review_date: 2026-08-29", "review_date: 2026-10-02");
    CHECK(lines(run_rule("consistency", text)) ==
          "9:14 warning: the review was written 49 days after the close (2026-08-14 → 2026-10-02); "
          "recall fades after "
          "30 days\n");
  }

  SUBCASE("the delay is configurable") {
    const auto text =
        replaced(k_clean_review, "review_date: 2026-08-29", "review_date: 2026-10-02");
    CHECK(lines(run_rule("consistency", text,
                         test_config("rules:\n  consistency: {max_review_delay_days: 60}\n"))) ==
          "");
  }

  SUBCASE("a review dated before the close") {
    const auto text =
        replaced(k_clean_review, "review_date: 2026-08-29", "review_date: 2026-08-01");
    CHECK(lines(run_rule("consistency", text)) ==
          "9:14 error: review_date 2026-08-01 is before close_date 2026-08-14\n");
  }

  SUBCASE("a written quarter that contradicts close_date") {
    const auto text = replaced(k_clean_review, "schema: 1\n", "schema: 1\nquarter: 2026Q2\n");
    CHECK(lines(run_rule("consistency", text)) ==
          "3:10 error: 'quarter' says '2026Q2' but close_date 2026-08-14 falls in 2026Q3\n");
  }

  SUBCASE("the same id twice in the repo, found in one pass over every path") {
    RuleRun run;
    run.repo_paths = {std::string(k_clean_path), "reviews/2025/2026-08-14-northwind-pay.md",
                      "reviews/2026/other.md"};
    CHECK(lines(run_rule("consistency", k_clean_review, test_config(), run)) ==
          "1:1 error: another review has the same id '2026-08-14-northwind-pay': "
          "reviews/2025/2026-08-14-northwind-pay.md\n");
  }
}

} // namespace
