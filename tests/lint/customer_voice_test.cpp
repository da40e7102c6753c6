// The customer-voice rule: the value section quotes or attributes the customer's words.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_quote =
    "> \"Your product was easier for my team, but the CIO needed a complete audit trail.\" —\n"
    "> Head of Payments Operations\n";

std::string with_value(std::string_view value) {
  return replaced(k_clean_review, k_quote, value);
}

TEST_CASE("customer_voice") {
  SUBCASE("a blockquote") {
    CHECK(lines(run_rule("customer-voice", k_clean_review)) == "");
  }

  SUBCASE("our own pitch is a suggestion to quote the customer") {
    const auto findings = run_rule(
        "customer-voice", with_value("Our platform offers best-in-class reconciliation.\n"));
    CHECK(lines(findings) ==
          "29:4 suggestion: the value section does not quote the customer or say who said what\n");
  }

  SUBCASE("quotation marks of every kind") {
    CHECK(lines(run_rule("customer-voice", with_value("Audit readiness, “from day one”.\n"))) ==
          "");
    CHECK(lines(run_rule("customer-voice", with_value("Audit readiness, \"from day one\".\n"))) ==
          "");
    CHECK(lines(run_rule("customer-voice", with_value("审计就绪，「第一天起」。\n"))) == "");
  }

  SUBCASE("attribution verbs, English and Chinese") {
    CHECK(lines(run_rule("customer-voice",
                         with_value("The CFO told us audit readiness mattered most.\n"))) == "");
    CHECK(lines(run_rule("customer-voice",
                         with_value("In their words, the ledger had to pass an audit.\n"))) == "");
    CHECK(lines(run_rule("customer-voice", with_value("财务总监表示，审计就绪最重要。\n"))) == "");
  }

  SUBCASE("an empty value section is the sections rule's finding") {
    CHECK(lines(run_rule("customer-voice", with_value("<!-- In the customer's own words -->\n"))) ==
          "");
  }
}

} // namespace
