#include "core/text.hpp"
#include "site/table.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace review;

namespace {

std::size_t widest_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  std::size_t widest = 0;
  while (std::getline(lines, line)) widest = std::max(widest, core::display_width(line));
  return widest;
}

} // namespace

TEST_CASE("TextTable") {
  SUBCASE("columns aligned by display width, CJK included") {
    site::TextTable table({{"ACCOUNT"}, {"AMOUNT", site::Align::right}});
    table.add_row({"华信证券", "3,600,000"});
    table.add_row({"Andes Pay", "260,000"});
    CHECK(table.render(100) == "ACCOUNT       AMOUNT\n"
                               "─────────  ─────────\n"
                               "华信证券   3,600,000\n"
                               "Andes Pay    260,000\n");
  }

  SUBCASE("fits the width by cutting text columns, by weight") {
    site::TextTable table({{"ID"}, {"TEXT", site::Align::left, 2}, {"WHO", site::Align::left, 1}});
    table.add_row({"1", "Ship configurable audit-trail export for the regulator",
                   "Priya Nair, product lead"});
    const std::string out = table.render(40);
    CHECK(widest_line(out) <= 40);
    CHECK(out == "ID  TEXT                     WHO\n"
                 "──  ───────────────────────  ───────────\n"
                 "1   Ship configurable audi…  Priya Nair…\n");
  }

  SUBCASE("a table that cannot fit keeps its columns a few cells wide") {
    site::TextTable table({{"A", site::Align::left, 1}, {"B"}});
    table.add_row({"a long piece of text", "fixed"});
    CHECK(table.render(5) == "A       B\n──────  ─────\na lon…  fixed\n");
  }

  SUBCASE("notes under a row, cells kept on one line") {
    site::TextTable table({{"#"}, {"DEAL"}});
    table.add_row({"1", "two\nlines"});
    table.add_note("why: a reason that is far too long to show whole");
    CHECK(table.render(30) ==
          "#  DEAL\n─  ─────────\n1  two lines\n   why: a reason that is far …\n");
  }
}

TEST_CASE("truncate_to_width") {
  CHECK(site::truncate_to_width("short", 10) == "short");
  CHECK(site::truncate_to_width("abcdefgh", 5) == "abcd…");
  CHECK(site::truncate_to_width("华信证券股份", 5) == "华信…"); // never half a wide character
  CHECK(core::display_width(site::truncate_to_width("华信证券股份", 6)) <= 6);
  CHECK(site::truncate_to_width("abc", 0).empty());
}

TEST_CASE("bar") {
  CHECK(site::bar(0, 10, 20).empty());
  CHECK(site::bar(10, 10, 4) == "████");
  CHECK(site::bar(5, 10, 4) == "██");
  CHECK(site::bar(1, 16, 1) == "▏"); // a sliver stays visible
  CHECK(site::bar(3, 8, 1) == "▍");
  CHECK(site::bar(20, 10, 2) == "██"); // never past the width
}
