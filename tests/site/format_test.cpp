// Numbers, money, dates and times as the site writes them.
#include "site/format.hpp"

#include <doctest/doctest.h>

using namespace review::site;
using review::core::Date;

TEST_CASE("format") {
  SUBCASE("amounts group thousands and show cents only when present") {
    CHECK(format_amount(480000) == "480,000");
    CHECK(format_amount(480000, "USD") == "USD 480,000");
    CHECK(format_amount(1234.5) == "1,234.50");
    CHECK(format_amount(999) == "999");
    CHECK(format_amount(-1500) == "-1,500");
    CHECK(format_amount(0) == "0");
  }

  SUBCASE("compact amounts for cards and charts") {
    CHECK(format_compact(4800000) == "4.8M");
    CHECK(format_compact(480000) == "480K");
    CHECK(format_compact(2000000000) == "2B");
    CHECK(format_compact(9500) == "9,500");
  }

  SUBCASE("percentages round to whole numbers") {
    CHECK(format_percent(0.4375) == "44%");
    CHECK(format_percent(0) == "0%");
    CHECK(format_percent(1) == "100%");
  }

  SUBCASE("dates read as day, month, year") {
    CHECK(format_date(Date{2026, 8, 14}) == "14 Aug 2026");
    CHECK(format_date(Date{2025, 12, 1}) == "1 Dec 2025");
  }

  SUBCASE("timestamps are utc, whatever the machine's time zone") {
    CHECK(utc_date(0) == Date{1970, 1, 1});
    CHECK(utc_date(1767225600) == Date{2026, 1, 1});
    CHECK(utc_date(951782400) == Date{2000, 2, 29});
    CHECK(utc_date(-86400) == Date{1969, 12, 31});
    CHECK(iso_timestamp(1767225600 + 3661) == "2026-01-01T01:01:01Z");
  }

  SUBCASE("plurals") {
    CHECK(plural(1, "review", "reviews") == "1 review");
    CHECK(plural(0, "review", "reviews") == "0 reviews");
    CHECK(plural(12000, "review", "reviews") == "12,000 reviews");
  }
}
