// The coverage rule: every rostered account executive reviews a deal each quarter,
// and each quarter holds wins as well as losses.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

review::core::Review review_of(std::string_view outcome, std::string_view ae,
                               std::string_view close_date, const review::core::Config& config) {
  auto text =
      replaced(k_clean_review, "outcome: lost", std::string("outcome: ") + std::string(outcome));
  text = replaced(text, "account_executive: Zhang Qi",
                  std::string("account_executive: ") + std::string(ae));
  text = replaced(text, "close_date: 2026-08-14",
                  std::string("close_date: ") + std::string(close_date));
  return review::core::parse_review(
      text, std::string("reviews/2026/") + std::string(close_date) + "-x.md", config);
}

TEST_CASE("coverage") {
  const auto config = test_config("roster:\n  - Zhang Qi\n  - Maria Lopez\n");

  SUBCASE("off without a roster") {
    std::vector<review::core::Review> reviews{
        review_of("lost", "Zhang Qi", "2026-08-14", test_config())};
    CHECK(lines(run_rule_on("coverage", reviews, test_config(), {})) == "");
  }

  SUBCASE("everyone covered, wins and losses: no findings") {
    std::vector<review::core::Review> reviews{
        review_of("lost", "Zhang Qi", "2026-08-14", config),
        review_of("won", "maria lopez", "2026-09-01", config)};
    CHECK(lines(run_rule_on("coverage", reviews, config, {})) == "");
  }

  SUBCASE("the latest quarter: a missing account executive, and only losses") {
    std::vector<review::core::Review> reviews{review_of("won", "Maria Lopez", "2026-05-14", config),
                                              review_of("lost", "Zhang Qi", "2026-08-14", config),
                                              review_of("lost", "Zhang Qi", "2026-09-01", config)};
    const auto findings = run_rule_on("coverage", reviews, config, {});
    CHECK(lines(findings) == "2:3 warning: 2026Q3 holds 2 lost reviews and 0 won reviews\n"
                             "3:5 warning: Maria Lopez has no review of a deal closed in 2026Q3\n");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].file == "review.yaml");
  }

  SUBCASE("the quarters asked for") {
    std::vector<review::core::Review> reviews{review_of("won", "Maria Lopez", "2026-05-14", config),
                                              review_of("lost", "Zhang Qi", "2026-05-20", config)};
    RuleRun run;
    run.quarters = {review::core::FiscalQuarter{2026, 2}, review::core::FiscalQuarter{2026, 3}};
    CHECK(lines(run_rule_on("coverage", reviews, config, run)) ==
          "2:5 warning: Zhang Qi has no review of a deal closed in 2026Q3\n"
          "3:5 warning: Maria Lopez has no review of a deal closed in 2026Q3\n");
  }

  SUBCASE("only a run over the whole repo judges coverage") {
    std::vector<review::core::Review> reviews{review_of("lost", "Zhang Qi", "2026-08-14", config)};
    RuleRun run;
    run.whole_repo = false;
    CHECK(lines(run_rule_on("coverage", reviews, config, run)) == "");
  }
}

} // namespace
