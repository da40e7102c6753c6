#include "core/date.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <ctime>

namespace review::core {
namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return k_days[month - 1];
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

} // namespace

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

long Date::days_since_epoch() const {
  return days_from_civil(year, month, day);
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = parse_digits(text.substr(0, 4));
  const auto m = parse_digits(text.substr(5, 2));
  const auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  if (*m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
  return Date{*y, *m, *d};
}

Date today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

Date add_days(Date date, long days) {
  return civil_from_days(date.days_since_epoch() + days);
}

std::string FiscalQuarter::to_string() const {
  return fmt::format("{}Q{}", year, quarter);
}

FiscalQuarter fiscal_quarter(Date date, int fiscal_year_start_month) {
  const int start =
      (fiscal_year_start_month >= 1 && fiscal_year_start_month <= 12) ? fiscal_year_start_month : 1;
  const int months_in = (date.month - start + 12) % 12; // months since the fiscal year began
  // The fiscal year is named after the calendar year it ends in.
  const int year = (start == 1 || date.month < start) ? date.year : date.year + 1;
  return FiscalQuarter{year, months_in / 3 + 1};
}

std::optional<FiscalQuarter> parse_quarter(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '_') continue;
    compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string_view view = compact;
  if (view.starts_with("FY")) view.remove_prefix(2);
  if (view.size() != 6 || view[4] != 'Q') return std::nullopt;
  const auto year = parse_digits(view.substr(0, 4));
  const auto quarter = parse_digits(view.substr(5, 1));
  if (!year || !quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
  return FiscalQuarter{*year, *quarter};
}

FiscalQuarter next_quarter(FiscalQuarter q) {
  return q.quarter == 4 ? FiscalQuarter{q.year + 1, 1} : FiscalQuarter{q.year, q.quarter + 1};
}

Date quarter_start(FiscalQuarter q, int fiscal_year_start_month) {
  const int start =
      (fiscal_year_start_month >= 1 && fiscal_year_start_month <= 12) ? fiscal_year_start_month : 1;
  // Month index counted from January of the calendar year the fiscal year starts in.
  const int first_year = start == 1 ? q.year : q.year - 1;
  const int month0 = (start - 1) + (q.quarter - 1) * 3;
  return Date{first_year + month0 / 12, month0 % 12 + 1, 1};
}

Date quarter_end(FiscalQuarter q, int fiscal_year_start_month) {
  return add_days(quarter_start(next_quarter(q), fiscal_year_start_month), -1);
}

} // namespace review::core
