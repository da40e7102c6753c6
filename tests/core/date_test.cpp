#include "core/date.hpp"

#include <doctest/doctest.h>

using namespace review::core;

TEST_CASE("parse_iso_date") {
  CHECK(parse_iso_date("2026-08-14") == Date{2026, 8, 14});
  CHECK(parse_iso_date("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(parse_iso_date("2026-02-29"));
  CHECK_FALSE(parse_iso_date("2026-13-01"));
  CHECK_FALSE(parse_iso_date("2026-8-14"));
  CHECK_FALSE(parse_iso_date("14/08/2026"));
  CHECK_FALSE(parse_iso_date("2026-08-1x"));
}

TEST_CASE("fiscal_quarter") {
  SUBCASE("calendar fiscal year") {
    CHECK(fiscal_quarter({2026, 1, 1}, 1) == FiscalQuarter{2026, 1});
    CHECK(fiscal_quarter({2026, 8, 14}, 1) == FiscalQuarter{2026, 3});
    CHECK(fiscal_quarter({2026, 12, 31}, 1) == FiscalQuarter{2026, 4});
  }
  SUBCASE("a fiscal year starting in February is named after the year it ends in") {
    CHECK(fiscal_quarter({2026, 2, 1}, 2) == FiscalQuarter{2027, 1});
    CHECK(fiscal_quarter({2026, 1, 31}, 2) == FiscalQuarter{2026, 4});
    CHECK(fiscal_quarter({2026, 8, 14}, 2) == FiscalQuarter{2027, 3});
  }
  SUBCASE("a fiscal year starting in July") {
    CHECK(fiscal_quarter({2026, 7, 1}, 7) == FiscalQuarter{2027, 1});
    CHECK(fiscal_quarter({2026, 6, 30}, 7) == FiscalQuarter{2026, 4});
  }
  SUBCASE("quarter bounds invert the mapping") {
    for (int start = 1; start <= 12; ++start) {
      for (int month = 1; month <= 12; ++month) {
        const Date date{2026, month, 15};
        const auto q = fiscal_quarter(date, start);
        CHECK(quarter_start(q, start) <= date);
        CHECK(date <= quarter_end(q, start));
      }
    }
  }
}

TEST_CASE("parse_quarter") {
  CHECK(parse_quarter("2026Q3") == FiscalQuarter{2026, 3});
  CHECK(parse_quarter("2026-q3") == FiscalQuarter{2026, 3});
  CHECK(parse_quarter("FY2026 Q1") == FiscalQuarter{2026, 1});
  CHECK_FALSE(parse_quarter("2026Q5"));
  CHECK_FALSE(parse_quarter("Q3"));
  CHECK(FiscalQuarter{2026, 3}.to_string() == "2026Q3");
  CHECK(next_quarter({2026, 4}) == FiscalQuarter{2027, 1});
}

TEST_CASE("date arithmetic") {
  CHECK(add_days({2026, 12, 31}, 1) == Date{2027, 1, 1});
  CHECK(add_days({2024, 3, 1}, -1) == Date{2024, 2, 29});
  CHECK(Date{2026, 9, 30}.days_since_epoch() - Date{2026, 8, 31}.days_since_epoch() == 30);
}
