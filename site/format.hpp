// How numbers, money, dates and times read on the site: one place, so every page
// and export writes them the same way.
#pragma once

#include "core/date.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace review::site {

// "480,000" or "USD 480,000"; cents only when the amount has them.
std::string format_amount(double amount, std::string_view currency = {});
// "4.8M", "480K", "950": for cards and chart labels.
std::string format_compact(double amount);
// 0.4375 → "44%".
std::string format_percent(double rate);
// "14 Aug 2026".
std::string format_date(core::Date date);
// Seconds since the epoch → the UTC calendar day, and "2026-08-29T10:00:00Z".
core::Date utc_date(std::int64_t seconds);
std::string iso_timestamp(std::int64_t seconds);
// "1 review", "3 reviews".
std::string plural(long count, std::string_view singular, std::string_view plural_form);

} // namespace review::site
