#include "site/cell_value.hpp"

#include <doctest/doctest.h>

using namespace review;

TEST_CASE("parse_amount") {
  CHECK(site::parse_amount("480000") == 480000.0);
  CHECK(site::parse_amount("480,000.50") == 480000.5);
  CHECK(site::parse_amount("$ 480,000") == 480000.0);
  CHECK(site::parse_amount("USD 1,200") == 1200.0);
  CHECK(site::parse_amount("-1,200") == -1200.0);
  CHECK(site::parse_amount("  12  ") == 12.0);

  SUBCASE("decimal commas, as European exports write them") {
    CHECK(site::parse_amount("480.000,50 €", true) == 480000.5);
    CHECK(site::parse_amount("1 234,5", true) == 1234.5);
    CHECK(site::parse_amount("1\xC2\xA0"
                             "234,5",
                             true) == 1234.5);            // no-break space
    CHECK(site::parse_amount("1'234,5", true) == 1234.5); // Swiss
    CHECK(site::parse_amount("1.234", true) == 1234.0);
  }

  SUBCASE("not amounts") {
    CHECK_FALSE(site::parse_amount(""));
    CHECK_FALSE(site::parse_amount("n/a"));
    CHECK_FALSE(site::parse_amount("1.2.3"));
    CHECK_FALSE(site::parse_amount("12abc34"));
    CHECK_FALSE(site::parse_amount("1,2,3", true));
  }
}

TEST_CASE("parse_export_date") {
  const core::Date august14{2026, 8, 14};
  CHECK(site::parse_export_date("2026-08-14") == august14);
  CHECK(site::parse_export_date("2026-08-14 10:30:00") == august14);
  CHECK(site::parse_export_date("8/14/2026") == august14);
  CHECK(site::parse_export_date("08/14/2026") == august14);
  CHECK(site::parse_export_date("14/8/2026", site::DateOrder::day_first) == august14);
  CHECK(site::parse_export_date("14.08.2026") == august14);
  CHECK(site::parse_export_date("14.08.2026", site::DateOrder::month_first) ==
        august14); // dots are day-first

  SUBCASE("not dates") {
    CHECK_FALSE(site::parse_export_date("14/8/2026")); // month 14
    CHECK_FALSE(site::parse_export_date("2/30/2026"));
    CHECK_FALSE(site::parse_export_date("8/14/26")); // two-digit years are ambiguous
    CHECK_FALSE(site::parse_export_date("8-14/2026"));
    CHECK_FALSE(site::parse_export_date("Aug 14, 2026"));
    CHECK_FALSE(site::parse_export_date(""));
  }
}
