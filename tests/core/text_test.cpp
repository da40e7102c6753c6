#include "core/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace review::core;

TEST_CASE("find_invalid_utf8") {
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("客户 ✓ 😀"));
  CHECK(find_invalid_utf8("ok\xFFno") == 2U);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0U);     // overlong
  CHECK(find_invalid_utf8("ab\xE4\xB8") == 2U);   // truncated
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0U); // surrogate

  // ASCII is skipped eight bytes at a time: a bad byte, a good character or a cut one
  // at every offset of a run, in texts of every length around a word's.
  for (std::size_t offset = 0; offset < 24; ++offset) {
    CAPTURE(offset);
    const std::string before(offset, 'a');
    CHECK(find_invalid_utf8(before + "\xFF" + std::string(17, 'b')) == offset);
    CHECK(find_invalid_utf8(before + "\xFF") == offset);
    CHECK_FALSE(find_invalid_utf8(before + "客" + std::string(offset, 'c')));
    CHECK(find_invalid_utf8(before + "\xE5\xAE") == offset);
    std::string cut_after_character = before;
    cut_after_character.append("客").append(before).append("\x80");
    CHECK(find_invalid_utf8(cut_after_character) == 2 * offset + 3);
  }
}

TEST_CASE("ASCII classes ignore every byte outside ASCII letters and digits") {
  int letters = 0;
  int digits = 0;
  for (int byte = 0; byte < 256; ++byte) {
    const auto c = static_cast<char>(byte);
    const bool letter = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
    const bool digit = byte >= '0' && byte <= '9';
    INFO("byte ", byte);
    CHECK(is_ascii_alpha(c) == letter);
    CHECK(is_ascii_digit(c) == digit);
    CHECK(is_ascii_alnum(c) == (letter || digit));
    CHECK(to_lower_ascii(c) == (byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte + 32) : c));
    letters += letter ? 1 : 0;
    digits += digit ? 1 : 0;
  }
  CHECK(letters == 52);
  CHECK(digits == 10);
  // Code points: the letters of other scripts are not ASCII letters ('Ａ' U+FF21, 'é').
  CHECK_FALSE(is_ascii_alpha(char32_t{0xFF21}));
  CHECK_FALSE(is_ascii_alpha(char32_t{0xE9}));
  CHECK(to_lower_ascii(char32_t{'Q'}) == U'q');
  CHECK(to_lower_ascii(char32_t{0xC9}) == char32_t{0xC9});
  CHECK(to_lower_ascii(std::string_view("Acme BANK 客户")) == "acme bank 客户");
}

TEST_CASE("display_width") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("华信证券") == 8);
  CHECK(display_width("ｅ") == 2);
}

TEST_CASE("normalise_heading") {
  CHECK(normalise_heading("How would the customer articulate the value of their choice?") ==
        normalise_heading("how would the customer articulate the value of their choice"));
  CHECK(normalise_heading("  Summary:  ") == "summary");
  CHECK(normalise_heading("客户会如何表达他们选择的价值？") ==
        normalise_heading("客户会如何表达他们选择的价值?"));
  CHECK(normalise_heading("ＳＵＭＭＡＲＹ") == "summary");
}

TEST_CASE("did_you_mean") {
  const std::vector<std::string> outcomes = {"won", "lost", "no-decision"};
  CHECK(did_you_mean("wn", outcomes) == "won");
  CHECK(did_you_mean("nodecision", outcomes) == "no-decision");
  CHECK_FALSE(did_you_mean("postponed", outcomes));
}

TEST_CASE("slugify") {
  CHECK(slugify("Acme Bank") == "acme-bank");
  CHECK(slugify("  O'Brien & Sons, Ltd.  ") == "o-brien-sons-ltd");
  CHECK(slugify("../../x") == "x");
  CHECK(slugify("华信证券") == "华信证券");
  CHECK(slugify("Café Müller") == "café-müller");
  CHECK(slugify("CON").starts_with("con-"));
  CHECK(slugify("😀😀").starts_with("account-"));
  CHECK(slugify("").starts_with("account-"));
  CHECK(slugify("...").starts_with("account-"));
  CHECK(slugify(std::string(200, 'a')).size() <= 60);
  CHECK(slugify(std::string(200, 'a')) == slugify(std::string(200, 'a')));
  CHECK(slugify("Ａｃｍｅ") == "acme");
}

TEST_CASE("count_words") {
  CHECK(count_words("We lost the deal to LedgerCo.") == doctest::Approx(6));
  CHECK(count_words("客户选择了竞争对手") == doctest::Approx(4.5));
  CHECK(count_words("don't re-sell") == doctest::Approx(2));
}

TEST_CASE("for_terminal") {
  using review::core::for_terminal;
  CHECK(for_terminal("plain, 中文, tab\tand\nnewline") == "plain, 中文, tab\tand\nnewline");
  CHECK(for_terminal("clear\x1b[2J bell\x07 del\x7f") ==
        "clear\xEF\xBF\xBD[2J bell\xEF\xBF\xBD del\xEF\xBF\xBD");
  CHECK(for_terminal("c1 \xC2\x9B"
                     "31m") == "c1 \xEF\xBF\xBD"
                               "31m");
}

TEST_CASE("group_thousands") {
  using review::core::group_thousands;
  CHECK(group_thousands("0") == "0");
  CHECK(group_thousands("999") == "999");
  CHECK(group_thousands("1000") == "1,000");
  CHECK(group_thousands("1234567") == "1,234,567");
  CHECK(group_thousands("-123456") == "-123,456");
}
