// The brevity rule: the word budget of a ten-minute review.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

std::string words(std::size_t count, std::string_view word = "insight") {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += std::string(word) + (i % 12 == 11 ? "\n" : " ");
  return text + "\n";
}

constexpr std::string_view k_anchor = "## What we will do differently";

TEST_CASE("brevity") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("brevity", k_clean_review)) == "");
  }

  SUBCASE("over the default budget of 1,200 words") {
    const auto text =
        replaced(k_clean_review, k_anchor, "## Timeline\n\n" + words(1300) + std::string(k_anchor));
    CHECK(lines(run_rule("brevity", text)) == "24:4 warning: the review is 1,416 words long; the "
                                              "budget for a ten-minute review is 1,200\n");
  }

  SUBCASE("code blocks, comments and headings are not counted") {
    const auto text = replaced(k_clean_review, k_anchor,
                               "## Timeline\n\n```\n" + words(1300) + "```\n\n<!--\n" +
                                   words(1300) + "-->\n\n" + std::string(k_anchor));
    CHECK(lines(run_rule("brevity", text)) == "");
  }

  SUBCASE("Chinese counts two characters as a word") {
    const auto text = replaced(k_clean_review, k_anchor,
                               "## Timeline\n\n" + words(2000, "审") + std::string(k_anchor));
    CHECK(lines(run_rule("brevity", text)) == "");
    const auto longer = replaced(k_clean_review, k_anchor,
                                 "## Timeline\n\n" + words(2400, "审") + std::string(k_anchor));
    CHECK(lines(run_rule("brevity", longer)) == "24:4 warning: the review is 1,316 words long; the "
                                                "budget for a ten-minute review is 1,200\n");
  }

  SUBCASE("the budget is an option") {
    const auto config = test_config("rules:\n  brevity: {max_words: 100}\n");
    CHECK(
        lines(run_rule("brevity", k_clean_review, config)) ==
        "24:4 warning: the review is 116 words long; the budget for a ten-minute review is 100\n");
  }
}

} // namespace
