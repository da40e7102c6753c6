// Small text utilities shared by the parsers, the rules and the renderers:
// UTF-8 checks, heading normalisation, "did you mean", display width, slugs.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes one code point at `offset` (advancing it); invalid bytes decode as U+FFFD.
char32_t decode_utf8(std::string_view text, std::size_t& offset);
void append_utf8(std::string& out, char32_t code_point);

std::size_t count_code_points(std::string_view text);

// Terminal display width: East Asian wide and full-width characters count 2.
std::size_t display_width(std::string_view text);

// Control characters other than tab and newline (C0, DEL, C1): a review could
// otherwise move the cursor or clear the screen of whoever lints it.
bool is_terminal_control(char32_t code_point);
// `text` with each such character shown as U+FFFD, one cell wide like the caret expects.
std::string for_terminal(std::string_view text);

// ASCII classes, independent of the C locale and inlined: the rules call them for
// every byte of every review.
constexpr bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alpha(char32_t c) {
  return (c | 0x20U) >= 'a' && (c | 0x20U) <= 'z';
}
constexpr bool is_ascii_alnum(char32_t c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
constexpr char32_t to_lower_ascii(char32_t c) {
  return c >= 'A' && c <= 'Z' ? c | 0x20U : c;
}
constexpr bool is_ascii_digit(char c) {
  return is_ascii_digit(char32_t{static_cast<unsigned char>(c)});
}
constexpr bool is_ascii_alpha(char c) {
  return is_ascii_alpha(char32_t{static_cast<unsigned char>(c)});
}
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_alnum(char32_t{static_cast<unsigned char>(c)});
}
constexpr char to_lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
}

std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);

// For matching headings: full-width → half-width, ASCII lowercased, punctuation
// and spacing removed. "How would the customer…?" and "how would the customer…" match.
std::string normalise_heading(std::string_view heading);

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `value` when it is close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view value,
                                        std::span<const std::string> candidates);

// "won, lost or no-decision"
std::string join_alternatives(std::span<const std::string> values,
                              std::string_view last_word = "or");

// A file-name-safe slug: ASCII letters and digits lowercased, other ASCII runs → '-',
// non-ASCII letters kept (Chinese names stay readable); empty, dot-only or
// device names (CON, NUL, …) fall back to "account-<hash>".
std::string slugify(std::string_view name);

// "1234567" → "1,234,567", for numbers people read; a leading '-' stays in front.
std::string group_thousands(std::string_view digits);

// Counts words for the brevity budget: ASCII words as 1, CJK characters as 1/2 each.
double count_words(std::string_view text);

} // namespace review::core
