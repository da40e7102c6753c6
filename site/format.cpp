#include "site/format.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace review::site {
std::string format_amount(double amount, std::string_view currency) {
  const bool negative = amount < 0;
  const double rounded_cents = std::round(std::fabs(amount) * 100.0);
  const auto cents = static_cast<long long>(rounded_cents);
  std::string text = core::group_thousands(std::to_string(cents / 100));
  if (cents % 100 != 0) text += fmt::format(".{:02}", cents % 100);
  if (negative) text.insert(0, "-");
  if (!currency.empty()) text = fmt::format("{} {}", currency, text);
  return text;
}

std::string format_compact(double amount) {
  const double magnitude = std::fabs(amount);
  const auto trimmed = [](double value, std::string_view suffix) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text + std::string(suffix);
  };
  if (magnitude >= 1e9) return trimmed(amount / 1e9, "B");
  if (magnitude >= 1e6) return trimmed(amount / 1e6, "M");
  if (magnitude >= 1e4) return trimmed(amount / 1e3, "K");
  return format_amount(std::round(amount));
}

std::string format_percent(double rate) {
  return fmt::format("{:.0f}%", std::round(rate * 100.0));
}

std::string format_date(core::Date date) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (date.month < 1 || date.month > 12) return date.to_string();
  return fmt::format("{} {} {}", date.day, k_months[static_cast<std::size_t>(date.month - 1)],
                     date.year);
}

core::Date utc_date(std::int64_t seconds) {
  // Howard Hinnant's civil_from_days: exact for every day, no time zone involved.
  std::int64_t days = seconds / 86400;
  if (seconds % 86400 < 0) --days;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_index = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
  const std::int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return core::Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

std::string iso_timestamp(std::int64_t seconds) {
  std::int64_t in_day = seconds % 86400;
  if (in_day < 0) in_day += 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", utc_date(seconds).to_string(), in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

std::string plural(long count, std::string_view singular, std::string_view plural_form) {
  return fmt::format("{} {}", core::group_thousands(std::to_string(count)),
                     count == 1 ? singular : plural_form);
}

} // namespace review::site
