// The actions rule: team, owner and due date; overdue open actions; reviews with none.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_product =
    "- [ ] product: Ship configurable audit-trail export (owner: Priya Nair; due: 2026-10-15)";

TEST_CASE("actions") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("actions", k_clean_review)) == "");
  }

  SUBCASE("an unknown team, with did you mean") {
    const auto text = replaced(k_clean_review, "- [ ] product:", "- [ ] prodcut:");
    CHECK(lines(run_rule("actions", text)) ==
          "48:7 error: unknown team 'prodcut' — did you mean 'product'?\n");
  }

  SUBCASE("the repo's own teams are known") {
    const auto text = replaced(k_clean_review, "- [ ] product:", "- [ ] legal:");
    CHECK(lines(run_rule("actions", text, test_config("teams: [legal]\n"))) == "");
  }

  SUBCASE("no team, no owner, no due date") {
    const auto text =
        replaced(k_clean_review, k_product, "- [ ] Ship configurable audit-trail export");
    CHECK(lines(run_rule("actions", text)) == "48:7 error: this action names no team\n"
                                              "48:43 error: this action has no due date\n"
                                              "48:43 error: this action has no owner\n");
  }

  SUBCASE("a due date that is not a date") {
    const auto text = replaced(k_clean_review, "due: 2026-10-15", "due: 2026-13-01");
    CHECK(lines(run_rule("actions", text)) ==
          "48:73 error: due date '2026-13-01' is not a date written YYYY-MM-DD\n");
  }

  SUBCASE("with overdue: true, an open action past its due date is a warning, counted from "
          "--today") {
    const auto config = test_config("rules:\n  actions: {overdue: true}\n");
    RuleRun run;
    run.today = review::core::Date{2026, 10, 25};
    CHECK(lines(run_rule("actions", k_clean_review, config, run)) ==
          "48:3 warning: this action was due on 2026-10-15, 10 days ago, and is still open\n");
    run.today = review::core::Date{2026, 10, 15};
    CHECK(lines(run_rule("actions", k_clean_review, config, run)) == "");
  }

  SUBCASE("by default an overdue action is left to `review actions --overdue`") {
    RuleRun run;
    run.today = review::core::Date{2027, 1, 1};
    CHECK(lines(run_rule("actions", k_clean_review, test_config(), run)) == "");
  }

  SUBCASE("done and dropped actions are not chased") {
    RuleRun run;
    run.today = review::core::Date{2027, 1, 1};
    const auto config = test_config("rules:\n  actions: {overdue: true}\n");
    const auto done = replaced(k_clean_review, "- [ ] product:", "- [x] product:");
    CHECK(lines(run_rule("actions", done, config, run)) == "");
    const auto dropped = replaced(k_clean_review, k_product,
                                  "- [ ] ~~product: Ship configurable audit-trail export~~");
    CHECK(lines(run_rule("actions", dropped, config, run)) == "");
  }

  SUBCASE("a lost review that hands no action to anyone") {
    const auto text = replaced(k_clean_review,
                               std::string(k_product) +
                                   "\n- [x] marketing: CIO deck on compliance value (owner: Lena "
                                   "Park; due: 2026-08-30)\n",
                               "");
    CHECK(lines(run_rule("actions", text)) ==
          "44:4 warning: this review hands no action to another team\n");
  }

  SUBCASE("a no-decision review may have none") {
    auto text = replaced(k_clean_review,
                         std::string(k_product) +
                             "\n- [x] marketing: CIO deck on compliance value (owner: Lena "
                             "Park; due: 2026-08-30)\n",
                         "");
    text = replaced(text, "outcome: lost", "outcome: no-decision");
    CHECK(lines(run_rule("actions", text)) == "");
  }

  SUBCASE("Chinese keys and full-width punctuation") {
    const auto text = replaced(k_clean_review, k_product,
                               "- [ ] product：上线审计轨迹导出（负责人：孙悦；截止：2026-10-15）");
    CHECK(lines(run_rule("actions", text)) == "");
  }
}

} // namespace
