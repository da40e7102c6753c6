// Calendar dates (ISO 8601, no time zone) and fiscal quarters.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace review::core {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
  std::string to_string() const; // YYYY-MM-DD
  long days_since_epoch() const; // for differences between dates
};

// Strict YYYY-MM-DD with a real calendar day.
std::optional<Date> parse_iso_date(std::string_view text);
Date today_local();
Date add_days(Date date, long days);

// A fiscal quarter. The fiscal year is named after the calendar year in which it
// ends (a year starting in February 2026 is FY2027), the common convention.
struct FiscalQuarter {
  int year = 0;
  int quarter = 0; // 1..4

  friend bool operator==(const FiscalQuarter&, const FiscalQuarter&) = default;
  friend auto operator<=>(const FiscalQuarter&, const FiscalQuarter&) = default;
  std::string to_string() const; // "2026Q3"
};

FiscalQuarter fiscal_quarter(Date date, int fiscal_year_start_month);
// Accepts "2026Q3", "2026-Q3", "2026q3", "FY2026Q3".
std::optional<FiscalQuarter> parse_quarter(std::string_view text);
FiscalQuarter next_quarter(FiscalQuarter q);
// First and last calendar day of a fiscal quarter.
Date quarter_start(FiscalQuarter q, int fiscal_year_start_month);
Date quarter_end(FiscalQuarter q, int fiscal_year_start_month);

} // namespace review::core
