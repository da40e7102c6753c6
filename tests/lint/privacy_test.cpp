// The privacy rule: e-mail addresses and phone numbers, not dates, amounts or versions.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_line =
    "Next time we will ask in the first two meetings who signs off on controls.";

std::string with_line(std::string_view line) {
  return replaced(k_clean_review, k_line, line);
}

TEST_CASE("privacy") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("privacy", k_clean_review)) == "");
  }

  SUBCASE("an e-mail address") {
    CHECK(
        lines(run_rule("privacy",
                       with_line("Write to li.wei@northwind-pay.example.com about it."))) ==
        "46:10 warning: the e-mail address 'li.wei@northwind-pay.example.com' is in the review\n");
  }

  SUBCASE("phone numbers in the usual shapes") {
    CHECK(lines(run_rule("privacy", with_line("Call +65 6123 4567."))) ==
          "46:6 warning: the phone number '+65 6123 4567' is in the review\n");
    CHECK(lines(run_rule("privacy", with_line("Call (415) 555-0100 today."))) ==
          "46:6 warning: the phone number '(415) 555-0100' is in the review\n");
    CHECK(lines(run_rule("privacy", with_line("手机 13812345678。"))) ==
          "46:4 warning: the phone number '13812345678' is in the review\n");
    CHECK(lines(run_rule("privacy", with_line("Office 020 7946 0958."))) ==
          "46:8 warning: the phone number '020 7946 0958' is in the review\n");
  }

  SUBCASE("dates, amounts, percentages, versions and ids are not phone numbers") {
    const char* const innocent[] = {
        "Signed 2026-08-14, live 2026-09-30 and 2026-10-15.",
        "A 3-year cost of 1,250,000 USD, about 12.5% higher, or 1 250 000 000 IDR.",
        "Upgraded from 10.2.3 to 11.0.1 on 192.168.100.200.",
        "Opportunity 0061234567890 and deal 20260814001.",
        "Between 14/08/2026 and 30.09.2026 we held 12 calls.",
        "The range 2024-2026 covers Q3-Q4.",
    };
    for (const char* line : innocent) {
      CAPTURE(line);
      CHECK(lines(run_rule("privacy", with_line(line))) == "");
    }
  }

  SUBCASE("code is left alone") {
    CHECK(lines(run_rule("privacy", with_line("The export runs as `ops@northwind.example`."))) ==
          "");
  }

  SUBCASE("in the front matter too") {
    const auto text = replaced(k_clean_review, "  - title: CIO\n",
                               "  - title: CIO\n    name: li.wei@northwind.example\n");
    CHECK(lines(run_rule("privacy", text)) ==
          "14:11 warning: the e-mail address 'li.wei@northwind.example' is in the review\n");
  }

  SUBCASE("allowed addresses, as RE2 patterns from review.yaml") {
    const auto config = test_config("rules:\n  privacy: {allow: ['@ourco\\.example$']}\n");
    CHECK(lines(run_rule("privacy", with_line("Questions to winloss@ourco.example."), config)) ==
          "");
  }
}

} // namespace
