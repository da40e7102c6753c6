// The sections rule: required sections present, in order, not empty.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_factors =
    "## Beyond price, what were the key factors in the decision?\n\n"
    "1. **Security and compliance.** The audit-trail export was a hard requirement.\n"
    "2. **Capability gap.** Our change history is per record, not per field.\n\n";

constexpr std::string_view k_chinese_review = R"(---
title: 华信证券
account: 华信证券
outcome: won
close_date: 2026-08-14
account_executive: 孙悦
---

## 概要

华信证券选择了我们的清算平台。

## 客户会如何表达他们选择的价值？

财务总监说：“上线快，审计轨迹完整。”

## 谁是会议室内外最具影响力的声音？

首席信息官在会议室之外，决定了必备功能。
)";

TEST_CASE("sections") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("sections", k_clean_review)) == "");
  }

  SUBCASE("a missing section is reported at the heading that should follow it") {
    const auto text = replaced(k_clean_review, k_factors, "");
    const auto findings = run_rule("sections", text);
    CHECK(lines(findings) == "39:4 error: the review has no 'Beyond price, what were the key "
                             "factors in the decision?' section\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint ==
          "add `## Beyond price, what were the key factors in the decision?` above this heading; "
          "also accepted: '除了价格以外，客户决策的关键因素是什么？'");
  }

  SUBCASE("missing sections are reported together where they belong, in the review's language") {
    const auto findings = run_rule("sections", k_chinese_review);
    CHECK(lines(findings) ==
          "19:1 error: the review has no sections '除了价格以外，客户决策的关键因素是什么？' and "
          "'哪些要继续保持，哪些要改进'\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.starts_with(
        "add them at the end of the review, in this order: "
        "`## 除了价格以外，客户决策的关键因素是什么？`, `## 哪些要继续保持，哪些要改进`"));
  }

  SUBCASE("one missing section lists the other accepted headings") {
    const auto text = replaced(k_chinese_review, "outcome: won", "outcome: lost") +
                      "\n## 除了价格以外，客户决策的关键因素是什么？\n\n集成。\n";
    const auto findings = run_rule("sections", text);
    CHECK(lines(findings) == "23:1 error: the review has no '我们下次会怎么做' section\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint ==
          "add `## 我们下次会怎么做` at the end of the review; also accepted: 'What we will do "
          "differently', 'What we will repeat and what we will improve', '下次我们会怎么做', "
          "'哪些要继续保持，哪些要改进'");
  }

  SUBCASE("a won review is asked what it will repeat") {
    auto text = replaced(k_clean_review, "outcome: lost", "outcome: won");
    text = replaced(text, "## What we will do differently", "## Timeline");
    CHECK(lines(run_rule("sections", text)) ==
          "49:1 error: the review has no 'What we will repeat and what we will improve' section\n");
  }

  SUBCASE("a section holding only the template's comment is empty") {
    const auto text = replaced(
        k_clean_review,
        "Northwind Pay replaced its core ledger and chose LedgerCo after the CIO reviewed\n"
        "both vendors against controls we first saw after the decision.\n",
        "<!-- What did the customer buy, and why now? -->\n");
    const auto findings = run_rule("sections", text);
    CHECK(lines(findings) == "24:4 error: the 'Summary' section is empty\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.find("comments do not count as content") != std::string::npos);
  }

  SUBCASE("an empty optional section is a warning") {
    const auto text = replaced(k_clean_review, "## What we will do differently",
                               "## Role of price\n\n## What we will do differently");
    CHECK(lines(run_rule("sections", text)) ==
          "44:4 warning: the 'Role of price' section is empty\n");
  }

  SUBCASE("sections out of order are a warning") {
    auto text = replaced(k_clean_review, k_factors, "");
    text = replaced(text, "## Summary", std::string(k_factors) + "## Summary");
    const auto findings = run_rule("sections", text);
    CHECK(lines(findings) == "24:4 warning: the 'Beyond price, what were the key factors in the "
                             "decision?' section is out of order\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint ==
          "reviews follow the order of the questions: move it below '## Who were the most "
          "influential voices in and outside the room?'");
  }

  SUBCASE("a section written twice") {
    const auto text = std::string(k_clean_review) + "\n## Summary\n\nMore.\n";
    CHECK(lines(run_rule("sections", text)) ==
          "51:4 warning: the 'Summary' section appears twice; the first is on line 24\n");
  }

  SUBCASE("headings match ignoring case, punctuation and full-width forms") {
    const auto text = replaced(k_clean_review, "## Summary", "## SUMMARY：");
    CHECK(lines(run_rule("sections", text)) == "");
  }

  SUBCASE("the repo's own headings are accepted, and other headings are left alone") {
    auto text = replaced(k_clean_review, "## Summary", "## In short");
    text = replaced(text, "## What we will do differently",
                    "## Call notes\n\nSee the CRM.\n\n## What we will do differently");
    const auto config = test_config("sections:\n  summary: [In short]\n");
    CHECK(lines(run_rule("sections", text, config)) == "");
  }

  SUBCASE("a file whose front matter is never closed is front-matter's finding") {
    CHECK(lines(run_rule("sections", "---\ntitle: x\n")) == "");
  }
}

} // namespace
