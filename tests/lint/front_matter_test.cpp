// The front-matter rule: reports what core::parse_review found in the front matter.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

TEST_CASE("front_matter") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("front-matter", k_clean_review)) == "");
  }

  SUBCASE("a value outside an enum, with did you mean") {
    const auto text = replaced(k_clean_review, "outcome: lost", "outcome: lst");
    CHECK(lines(run_rule("front-matter", text)) ==
          "5:10 error: 'outcome' must be won, lost or no-decision, got 'lst' — did you mean "
          "'lost'?\n");
  }

  SUBCASE("a date not written YYYY-MM-DD") {
    const auto text = replaced(k_clean_review, "close_date: 2026-08-14", "close_date: 14/08/2026");
    CHECK(lines(run_rule("front-matter", text)) ==
          "8:13 error: 'close_date' must be a date written YYYY-MM-DD, got '14/08/2026'\n");
  }

  SUBCASE("a missing required key") {
    const auto text = replaced(k_clean_review, "account_executive: Zhang Qi\n", "");
    CHECK(lines(run_rule("front-matter", text)) ==
          "1:1 error: the front matter has no 'account_executive'\n");
  }

  SUBCASE("a YAML syntax error, at its line and column") {
    const auto text = replaced(k_clean_review, "competitors: [LedgerCo]", "competitors: [LedgerCo");
    const auto findings = run_rule("front-matter", text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.starts_with("the front matter is not valid YAML: "));
    CHECK(findings[0].position.line >= 7);
  }

  SUBCASE("a stakeholder role outside the vocabulary") {
    const auto text = replaced(k_clean_review, "role: champion", "role: champoin");
    CHECK(lines(run_rule("front-matter", text)).starts_with("17:11 error: 'role' must be "));
  }

  SUBCASE("a configured severity caps every finding of the rule") {
    const auto text = replaced(k_clean_review, "outcome: lost", "outcome: lst");
    const auto findings =
        run_rule("front-matter", text, test_config("rules:\n  front-matter: warning\n"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == review::core::Severity::warning);
  }

  SUBCASE("encoding problems belong to the engine (rule 'file'), not to this rule") {
    const auto text =
        replaced(k_clean_review, "Northwind Pay replaced", "Northwind Pay \xFF replaced");
    CHECK(lines(run_rule("front-matter", text)) == "");
  }
}

} // namespace
