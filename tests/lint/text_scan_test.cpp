#include "lint/text_scan.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

using review::lint::contains_word;
using review::lint::find_words;

TEST_CASE("find_words finds whole words only, with and without case") {
  using Offsets = std::vector<std::size_t>;
  CHECK(find_words("TBD, tbd and TBDs", "TBD", false) == Offsets{0});
  CHECK(find_words("TBD, tbd and TBDs", "tbd", true) == Offsets{0, 5});
  CHECK(find_words("price_list price", "price", true) == Offsets{11});
  CHECK(find_words("xx", "xxx", true).empty());
  CHECK(find_words("", "a", false).empty());
  CHECK(find_words("aaa", "", false).empty());
  // Overlapping occurrences of a word that is not bounded by letters ("??").
  CHECK(find_words("a ??? b", "??", false) == Offsets{2, 3});
  // Bytes outside ASCII bound a word, and are never folded.
  CHECK(find_words("客户TBD客户", "tbd", true) == Offsets{6});
  CHECK_FALSE(contains_word("ÉCART", "écart"));
  CHECK(contains_word("The Price was fine", "price"));
}
