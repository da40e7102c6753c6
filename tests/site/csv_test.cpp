#include "core/error.hpp"
#include "site/csv.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace review;

namespace {

std::vector<std::string> fields(std::initializer_list<const char*> values) {
  return {values.begin(), values.end()};
}

} // namespace

TEST_CASE("parse_csv") {
  SUBCASE("header and plain rows, with row line numbers") {
    const auto table = site::parse_csv("Account Name,Amount\nNorthwind,100\nLumen,200\n");
    CHECK(table.delimiter == ',');
    CHECK(table.header == fields({"Account Name", "Amount"}));
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0].line == 2);
    CHECK(table.rows[1].fields == fields({"Lumen", "200"}));
    CHECK(table.problems.empty());
  }

  SUBCASE("quoted fields with commas, doubled quotes and line breaks") {
    const auto table = site::parse_csv(R"(id,name,note
1,"Northwind Pay, Inc.","said ""no"" twice"
2,"two
lines",x
3,last,"ends here")");
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[0].fields == fields({"1", "Northwind Pay, Inc.", "said \"no\" twice"}));
    CHECK(table.rows[1].fields == fields({"2", "two\nlines", "x"}));
    CHECK(table.rows[2].line == 5); // the quoted line break counts
    CHECK(table.rows[2].fields[2] == "ends here");
  }

  SUBCASE("CRLF line ends, inside quotes too") {
    const auto table = site::parse_csv("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n");
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0].fields[0] == "x\ny");
    CHECK(table.rows[1].line == 4);
  }

  SUBCASE("a UTF-8 byte-order mark is not part of the first column's name") {
    const auto table = site::parse_csv("\xEF\xBB\xBFOpportunity ID,Stage\n1,Closed Won\n");
    CHECK(table.header[0] == "Opportunity ID");
  }

  SUBCASE("semicolon-separated European exports, detected from the header") {
    const auto table = site::parse_csv("Kunde;Betrag;Notiz\nKeller;\"1.234,50\";\"a, b\"\n");
    CHECK(table.delimiter == ';');
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].fields == fields({"Keller", "1.234,50", "a, b"}));
  }

  SUBCASE("tab-separated") {
    const auto table = site::parse_csv("a\tb\n1\t2\n");
    CHECK(table.delimiter == '\t');
    CHECK(table.rows[0].fields == fields({"1", "2"}));
  }

  SUBCASE("bad rows are reported with their line and skipped") {
    const auto table = site::parse_csv(R"(a,b,c
1,2,3
4,5
"x"y,8,9
6,7,8,9

10,11,12
)");
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[1].fields == fields({"10", "11", "12"}));
    CHECK(table.rows[1].line == 7);
    REQUIRE(table.problems.size() == 3);
    CHECK(table.problems[0].line == 3);
    CHECK(table.problems[0].message == "expected 3 fields as in the header, found 2; a field "
                                       "holding the separator ',' must be quoted");
    CHECK(table.problems[1].line == 4);
    CHECK(table.problems[1].message == "unexpected text after the closing quote of field 1; a "
                                       "quote inside a quoted field is written twice (\"\")");
    CHECK(table.problems[2].line == 5);
  }

  SUBCASE("an unclosed quote is reported where it opened") {
    const auto table = site::parse_csv("a,b\n1,2\n3,\"open\n4,5\n");
    REQUIRE(table.rows.size() == 1);
    REQUIRE(table.problems.size() == 1);
    CHECK(table.problems[0].line == 3);
    CHECK(table.problems[0].message == "a quoted field opened on line 3 is never closed, so the "
                                       "rest of the file could not be read");
  }

  SUBCASE("a quote inside an unquoted field is kept") {
    const auto table = site::parse_csv("a,b\n5\" screen,2\n");
    CHECK(table.rows[0].fields[0] == "5\" screen");
  }

  SUBCASE("files that cannot be read as UTF-8 text") {
    CHECK_THROWS_WITH_AS(site::parse_csv(""),
                         "the file is empty; expected a header line naming the columns",
                         core::Error);
    CHECK_THROWS_WITH_AS(
        site::parse_csv("\xFF\xFE"
                        "a\0,\0b\0"),
        "the file is UTF-16; export it as CSV UTF-8 (in Excel: Save As → CSV UTF-8)", core::Error);
    CHECK_THROWS_WITH_AS(
        site::parse_csv("a,b\nM\xFCller,1\n"),
        "line 2: the file is not UTF-8 (perhaps Windows-1252); export it as CSV UTF-8 (in Excel: "
        "Save As → CSV UTF-8)",
        core::Error);
  }
}

TEST_CASE("csv_row") {
  CHECK(site::csv_row({"plain", "with,comma", "with \"quote\"", "two\nlines", " padded", ""}) ==
        "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\" padded\",\r\n");
  CHECK(site::csv_field("a;b", ';') == "\"a;b\"");
  CHECK(site::csv_field("a;b") == "a;b");

  SUBCASE("what we write, we read back") {
    const std::vector<std::string> values = {"Northwind, Inc.", "say \"hi\"", "line\nbreak",
                                             "华信证券"};
    const auto table = site::parse_csv(site::csv_row({"a", "b", "c", "d"}) + site::csv_row(values));
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].fields == values);
  }
}
