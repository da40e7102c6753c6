// Values as people type them into spreadsheets and CRM exports: amounts with
// thousands separators or decimal commas, and dates in ISO, US or European order.
#pragma once

#include "core/date.hpp"

#include <optional>
#include <string_view>

namespace review::site {

// "480000", "480,000.50", "$ 480,000", "480.000,50 €" (with `decimal_comma`, as in
// European exports, ',' is the decimal mark and '.', ' ' and '\'' group thousands;
// otherwise '.' is the decimal mark and ',' groups). Surrounding currency symbols,
// codes and spaces are ignored. nullopt when there is no number or it is malformed.
std::optional<double> parse_amount(std::string_view text, bool decimal_comma = false);

enum class DateOrder { month_first, day_first };

// "2026-08-14" always; "8/14/2026" (month first) or "14/8/2026" (day first) as
// `order` says, "14.08.2026" always day first (the dot is European). A time after
// the date ("2026-08-14 10:30") is ignored. nullopt for anything else or no such day.
std::optional<core::Date> parse_export_date(std::string_view text,
                                            DateOrder order = DateOrder::month_first);

} // namespace review::site
