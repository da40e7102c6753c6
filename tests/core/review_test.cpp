#include "core/config.hpp"
#include "core/review.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace review::core;

namespace {

const Config& config() {
  static const Config c = default_config("/tmp");
  return c;
}

Review parse(const std::string& text) {
  return parse_review(text, "reviews/2026/2026-08-14-northwind-pay.md", config());
}

std::string messages(const Review& review) {
  std::string out;
  for (const auto& d : review.diagnostics)
    out += std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " +
           d.rule + " " + d.message + "\n";
  return out;
}

bool has_message(const Review& review, const std::string& part) {
  return std::any_of(
      review.diagnostics.begin(), review.diagnostics.end(),
      [&](const Diagnostic& d) { return d.message.find(part) != std::string::npos; });
}

const char* k_valid = R"(---
schema: 1
title: Northwind Pay core-ledger replacement
account: Northwind Pay
outcome: lost
lost_to: LedgerCo
competitors: [LedgerCo]
close_date: 2026-08-14
review_date: 2026-08-29
account_executive: Zhang Qi
amount: 480000
currency: USD
segment: enterprise
buyer_interviewed: true
stakeholders:
  - title: CIO
    role: decision-maker
    in_room: false
    engaged: false
decision_factors: [security-compliance, capability-gap]
price_role: contributing
price_evidence: "CFO: 3-year cost ~12% higher"
team_field: kept
---
## Summary
Lost.
)";

} // namespace

TEST_CASE("parse_review of a valid review") {
  const Review review = parse(k_valid);
  CHECK(messages(review) == "");
  CHECK(review.id == "2026-08-14-northwind-pay");
  CHECK(review.front_matter_ok);
  CHECK(review.title.value == "Northwind Pay core-ledger replacement");
  CHECK(review.outcome.value == Outcome::lost);
  CHECK(review.outcome.position == Position{5, 10});
  CHECK(review.close_date.value == Date{2026, 8, 14});
  CHECK(review.amount.value == doctest::Approx(480000));
  CHECK(review.buyer_interviewed.value);
  REQUIRE(review.stakeholders.value.size() == 1);
  CHECK(review.stakeholders.value[0].role == "decision-maker");
  CHECK(review.stakeholders.value[0].in_room == false);
  CHECK(review.decision_factors.value.size() == 2);
  CHECK(review.price_role.value == PriceRole::contributing);
  CHECK(review.quarter == FiscalQuarter{2026, 3});
  CHECK(review.front_matter.find("team_field") != nullptr);
  CHECK(review.body.find_section("summary") != nullptr);
  CHECK(review.body.sections[0].position.line == 25);
}

TEST_CASE("parse_review validation as data") {
  SUBCASE("enum typo with did you mean, at the value's position") {
    std::string text = k_valid;
    text.replace(text.find("outcome: lost"), 13, "outcome: wn");
    const Review review = parse(text);
    REQUIRE(review.diagnostics.size() == 1);
    CHECK(review.diagnostics[0].position == Position{5, 10});
    CHECK(review.diagnostics[0].message ==
          "'outcome' must be won, lost or no-decision, got 'wn' — did you mean 'won'?");
  }
  SUBCASE("required keys") {
    const Review review = parse("---\ntitle: x\n---\n");
    CHECK(has_message(review, "no 'account'"));
    CHECK(has_message(review, "no 'outcome'"));
    CHECK(has_message(review, "no 'close_date'"));
    CHECK(has_message(review, "no 'account_executive'"));
  }
  SUBCASE("lost needs lost_to") {
    std::string text = k_valid;
    text.erase(text.find("lost_to: LedgerCo\n"), 18);
    CHECK(has_message(parse(text), "needs 'lost_to'"));
  }
  SUBCASE("dates, numbers, booleans, vocabularies") {
    std::string text = k_valid;
    text.replace(text.find("close_date: 2026-08-14"), 22, "close_date: 14/08/2026");
    text.replace(text.find("amount: 480000"), 14, "amount: $480k");
    text.replace(text.find("buyer_interviewed: true"), 23, "buyer_interviewed: maybe");
    text.replace(text.find("security-compliance"), 19, "securty-compliance");
    text.replace(text.find("role: decision-maker"), 20, "role: decisionmaker");
    const Review review = parse(text);
    CHECK(has_message(review, "'close_date' must be a date written YYYY-MM-DD, got '14/08/2026'"));
    CHECK(has_message(review, "'amount' must be a number"));
    CHECK(has_message(review, "'buyer_interviewed' must be true or false"));
    CHECK(has_message(review, "did you mean 'security-compliance'?"));
    CHECK(has_message(review, "did you mean 'decision-maker'?"));
    CHECK_FALSE(review.quarter);
  }
  SUBCASE("a YAML syntax error has its line and column") {
    const Review review = parse("---\ntitle: x\ncompetitors: [a, b\n---\n## Summary\n");
    REQUIRE_FALSE(review.diagnostics.empty());
    CHECK(review.diagnostics[0].message.starts_with("the front matter is not valid YAML"));
    CHECK(review.diagnostics[0].position.line >= 3);
    CHECK(review.body.find_section("summary") != nullptr); // the body is still parsed
  }
}

TEST_CASE("parse_review bad input") {
  SUBCASE("empty file") {
    const Review review = parse("");
    REQUIRE(review.diagnostics.size() == 1);
    CHECK(review.diagnostics[0].message == "the file is empty");
  }
  SUBCASE("no front matter") {
    CHECK(has_message(parse("## Summary\nx\n"), "no front matter"));
  }
  SUBCASE("front matter never closed") {
    const Review review = parse("---\ntitle: x\n## Summary\n");
    CHECK(has_message(review, "never closed"));
  }
  SUBCASE("BOM and CRLF parse like the plain file") {
    std::string crlf;
    for (char c : std::string(k_valid)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const Review review = parse("\xEF\xBB\xBF" + crlf);
    CHECK(messages(review) == "");
    CHECK(review.source.had_bom);
    CHECK(review.source.had_crlf);
    CHECK(review.outcome.position == Position{5, 10});
  }
  SUBCASE("invalid UTF-8 is reported with its position and repaired") {
    std::string text = k_valid;
    text.replace(text.find("Lost."), 5, "Lo\xFFst.");
    const Review review = parse(text);
    REQUIRE(review.diagnostics.size() == 1);
    CHECK(review.diagnostics[0].rule == "file");
    CHECK(review.diagnostics[0].position == Position{26, 3});
    CHECK(review.body.blocks.back().text == "Lo\xEF\xBF\xBDst.");
  }
  SUBCASE("a surrogate or an overlong form in the front matter is repaired before YAML") {
    std::string text = k_valid;
    const std::size_t account = text.find("account: ") + 9;
    text.insert(account + 1, "\xED\xA0\x80\xC0\xAF"); // U+D800, then '/' in two bytes
    const Review review = parse(text);
    REQUIRE(review.diagnostics.size() == 1);
    CHECK(review.diagnostics[0].rule == "file");
    CHECK(review.account.value.find(
              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") == 1);
  }
  SUBCASE("NUL bytes") {
    std::string text = k_valid;
    text += std::string("a\0b\n", 4);
    CHECK(has_message(parse(text), "NUL byte"));
  }
  SUBCASE("front matter that is not a mapping") {
    CHECK(has_message(parse("---\n- a\n- b\n---\n"), "must be a list of `key: value` lines"));
  }
}
