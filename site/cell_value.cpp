#include "site/cell_value.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>

namespace review::site {
namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ',';
}

// Non-breaking and narrow non-breaking spaces group thousands in French and Swiss exports.
std::string replace_unicode_spaces(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) {
      out += ' ';
      i += 1;
    } else if (text.compare(i, 3, "\xE2\x80\xAF") == 0) {
      out += ' ';
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<int> to_int(std::string_view digits) {
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

} // namespace

std::optional<double> parse_amount(std::string_view raw, bool decimal_comma) {
  const std::string spaced = replace_unicode_spaces(raw);
  std::string_view text = core::trim(spaced);
  while (!text.empty() && !is_number_char(text.front())) text.remove_prefix(1);
  while (!text.empty() && !is_number_char(text.back())) text.remove_suffix(1);
  const char decimal_mark = decimal_comma ? ',' : '.';
  std::string plain;
  bool seen_mark = false;
  bool seen_digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      plain += c;
      seen_digit = true;
    } else if (c == '-' && i == 0) {
      plain += c;
    } else if (c == decimal_mark && !seen_mark) {
      seen_mark = true;
      plain += '.';
    } else if (!seen_mark && seen_digit && (c == ',' || c == '.' || c == ' ' || c == '\'')) {
      continue; // a thousands separator
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

std::optional<core::Date> parse_export_date(std::string_view raw, DateOrder order) {
  std::string_view text = core::trim(raw);
  if (const auto space = text.find_first_of(" T"); space != std::string_view::npos)
    text = text.substr(0, space);
  if (auto iso = core::parse_iso_date(text)) return iso;

  char separator = 0;
  std::array<std::string_view, 3> parts{};
  std::size_t count = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '/' && text[i] != '.' && text[i] != '-') continue;
    if (i < text.size()) {
      if (separator == 0) separator = text[i];
      if (text[i] != separator) return std::nullopt;
    }
    if (count == parts.size()) return std::nullopt;
    parts[count++] = text.substr(start, i - start);
    start = i + 1;
  }
  if (count != 3) return std::nullopt;
  const auto first = to_int(parts[0]);
  const auto second = to_int(parts[1]);
  const auto year = to_int(parts[2]);
  if (!first || !second || !year || parts[2].size() != 4) return std::nullopt;
  const bool day_first = separator == '.' || order == DateOrder::day_first;
  const int month = day_first ? *second : *first;
  const int day = day_first ? *first : *second;
  // Round-trip through the strict parser so that 31 February is rejected.
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return core::parse_iso_date(fmt::format("{:04}-{:02}-{:02}", *year, month, day));
}

} // namespace review::site
