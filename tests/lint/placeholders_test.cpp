// The placeholders rule: template prompts, TODO markers and <…> markers left in.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_summary_line =
    "Northwind Pay replaced its core ledger and chose LedgerCo after the CIO reviewed\n";

TEST_CASE("placeholders") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("placeholders", k_clean_review)) == "");
  }

  SUBCASE("the template's prompt left in a written section") {
    const auto text = replaced(k_clean_review, k_summary_line,
                               std::string("<!-- What did the customer buy, and why now? -->\n\n") +
                                   std::string(k_summary_line));
    CHECK(lines(run_rule("placeholders", text)) ==
          "26:1 warning: the template's prompt is still in this section\n");
  }

  SUBCASE("a prompt in a section with nothing else is the sections rule's finding") {
    const auto text = replaced(
        k_clean_review,
        "Next time we will ask in the first two meetings who signs off on controls.\n\n"
        "- [ ] product: Ship configurable audit-trail export (owner: Priya Nair; due: 2026-10-15)\n"
        "- [x] marketing: CIO deck on compliance value (owner: Lena Park; due: 2026-08-30)\n",
        "<!-- What will we do differently? -->\n");
    CHECK(lines(run_rule("placeholders", text)) == "");
  }

  SUBCASE("control comments are not prompts") {
    const auto text = replaced(k_clean_review, k_summary_line,
                               std::string("<!-- review-lint disable brevity -->\n") +
                                   std::string(k_summary_line));
    CHECK(lines(run_rule("placeholders", text)) == "");
  }

  SUBCASE("TODO, TBD, XXX and FIXME as whole words in prose") {
    const auto text =
        replaced(k_clean_review, "chose LedgerCo after", "chose LedgerCo (TBD: confirm) after");
    CHECK(lines(run_rule("placeholders", text)) == "26:60 error: 'TBD' is still in the text\n");
  }

  SUBCASE("not inside code, not inside other words, not in lower case") {
    const auto text =
        replaced(k_clean_review, "chose LedgerCo after",
                 "chose LedgerCo (see `TODO` in the export; a TODOS list; a todo app) after");
    CHECK(lines(run_rule("placeholders", text)) == "");
  }

  SUBCASE("not in a code block") {
    const auto text =
        replaced(k_clean_review, k_summary_line,
                 std::string("```\nTODO: <customer name>\n```\n\n") + std::string(k_summary_line));
    CHECK(lines(run_rule("placeholders", text)) == "");
  }

  SUBCASE("angle-bracket markers, English and Chinese") {
    const auto text =
        replaced(k_clean_review, "chose LedgerCo after", "chose <competitor name> after <日期>");
    CHECK(lines(run_rule("placeholders", text)) ==
          "26:50 error: the template marker '<competitor name>' is still in the text\n"
          "26:74 error: the template marker '<日期>' is still in the text\n");
  }

  SUBCASE("real inline HTML, autolinks and comparisons are not markers") {
    const auto text =
        replaced(k_clean_review, "chose LedgerCo after",
                 "chose LedgerCo<br> <sup>1</sup> <https://example.com> a < b > c after");
    CHECK(lines(run_rule("placeholders", text)) == "");
  }

  SUBCASE("an unfilled template marker in the front matter") {
    const auto text =
        replaced(k_clean_review, "account: Northwind Pay", "account: \"{{account}}\"");
    CHECK(lines(run_rule("placeholders", text)) ==
          "4:10 error: '{{account}}' is a template marker that was never filled in\n");
  }

  SUBCASE("the team's own markers, as RE2 patterns from review.yaml") {
    const auto text =
        replaced(k_clean_review, "chose LedgerCo after", "chose [[competitor]] after");
    const auto config =
        test_config("rules:\n  placeholders: {extra_patterns: ['\\[\\[[a-z ]+\\]\\]']}\n");
    CHECK(lines(run_rule("placeholders", text, config)) ==
          "26:50 error: '[[competitor]]' matches the placeholder pattern '\\[\\[[a-z ]+\\]\\]' "
          "from review.yaml\n");
  }
}

} // namespace
