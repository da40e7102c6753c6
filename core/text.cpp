#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace review::core {
namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_zero_width(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200C || c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F);
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Punctuation, symbols and spaces outside ASCII that headings and slugs ignore.
bool is_unicode_punctuation(char32_t c) {
  return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0x00A0 || c == 0x00B7 || c == 0x00AB || c == 0x00BB ||
         c == 0xFEFF;
}

bool is_emoji_or_symbol(char32_t c) {
  return (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x1F000 && c <= 0x1FAFF) ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D || (c >= 0xE000 && c <= 0xF8FF);
}

// Full-width ASCII forms (Ａ, ？, ０) and the ideographic space to their ASCII twins.
char32_t to_half_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261U;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

} // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (i < text.size()) {
    // Eight bytes at a time while they are ASCII, as most of a review is.
    for (std::uint64_t word = 0; i + sizeof word <= text.size(); i += sizeof word) {
      std::memcpy(&word, bytes + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
    }
    if (i == text.size()) break;
    const unsigned char c = bytes[i];
    std::size_t length = 0;
    char32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U)
      length = 2, min = 0x80;
    else if ((c & 0xF0U) == 0xE0U)
      length = 3, min = 0x800;
    else if ((c & 0xF8U) == 0xF0U)
      length = 4, min = 0x10000;
    else
      return i;
    if (i + length > text.size()) return i;
    char32_t cp = c & (0xFFU >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      if (!is_continuation(bytes[i + k])) return i;
      cp = (cp << 6) | (bytes[i + k] & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

char32_t decode_utf8(std::string_view text, std::size_t& offset) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char c = byte(offset);
  if (c < 0x80) {
    ++offset;
    return c;
  }
  std::size_t length = 0;
  if ((c & 0xE0U) == 0xC0U)
    length = 2;
  else if ((c & 0xF0U) == 0xE0U)
    length = 3;
  else if ((c & 0xF8U) == 0xF0U)
    length = 4;
  if (length == 0 || offset + length > text.size()) {
    ++offset;
    return 0xFFFD;
  }
  char32_t cp = c & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if (!is_continuation(byte(offset + k))) {
      ++offset;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(offset + k) & 0x3FU);
  }
  offset += length;
  return cp;
}

void append_utf8(std::string& out, char32_t code_point) {
  const auto put = [&](unsigned value) { out.push_back(static_cast<char>(value)); };
  if (code_point < 0x80) {
    put(static_cast<unsigned>(code_point));
  } else if (code_point < 0x800) {
    put(0xC0U | (code_point >> 6));
    put(0x80U | (code_point & 0x3FU));
  } else if (code_point < 0x10000) {
    put(0xE0U | (code_point >> 12));
    put(0x80U | ((code_point >> 6) & 0x3FU));
    put(0x80U | (code_point & 0x3FU));
  } else {
    put(0xF0U | (code_point >> 18));
    put(0x80U | ((code_point >> 12) & 0x3FU));
    put(0x80U | ((code_point >> 6) & 0x3FU));
    put(0x80U | (code_point & 0x3FU));
  }
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++count;
  }
  return count;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = decode_utf8(text, i);
    if (is_zero_width(c)) continue;
    width += is_wide(c) ? 2U : 1U;
  }
  return width;
}

std::string group_thousands(std::string_view digits) {
  std::string grouped;
  const std::size_t sign = digits.starts_with('-') ? 1 : 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > sign && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

bool is_terminal_control(char32_t code_point) {
  if (code_point == '\t' || code_point == '\n') return false;
  return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f);
}

std::string for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = decode_utf8(text, i);
    if (is_terminal_control(c))
      append_utf8(out, U'\uFFFD');
    else
      out.append(text.substr(start, i - start));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (to_lower_ascii(text[i]) != to_lower_ascii(prefix[i])) return false;
  }
  return true;
}

std::string normalise_heading(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size();) {
    const char32_t c = to_half_width(decode_utf8(heading, i));
    if (c < 0x80) {
      if (is_ascii_alnum(c)) out.push_back(static_cast<char>(to_lower_ascii(c)));
      continue; // ASCII punctuation and spacing
    }
    if (is_unicode_punctuation(c) || is_emoji_or_symbol(c) || is_zero_width(c)) continue;
    append_utf8(out, c);
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view value,
                                        std::span<const std::string> candidates) {
  const std::string lowered = to_lower_ascii(value);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::string lowered_candidate = to_lower_ascii(candidate);
    std::size_t distance = edit_distance(lowered, lowered_candidate);
    // A value that starts a candidate ("secur" → "security-compliance") is a likely typo too.
    if (lowered.size() >= 4 && lowered_candidate.starts_with(lowered))
      distance = std::min<std::size_t>(distance, 1);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  const std::size_t limit = std::max<std::size_t>(2, value.size() / 3);
  if (best && best_distance <= limit) return best;
  return std::nullopt;
}

std::string join_alternatives(std::span<const std::string> values, std::string_view last_word) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += (i + 1 == values.size()) ? fmt::format(" {} ", last_word) : ", ";
    out += values[i];
  }
  return out;
}

std::string slugify(std::string_view name) {
  std::string slug;
  bool pending_dash = false;
  const auto put_dash = [&] { pending_dash = !slug.empty(); };
  for (std::size_t i = 0; i < name.size();) {
    const char32_t c = to_half_width(decode_utf8(name, i));
    if (c < 0x80) {
      if (is_ascii_alnum(c)) {
        if (pending_dash) slug.push_back('-');
        pending_dash = false;
        slug.push_back(static_cast<char>(to_lower_ascii(c)));
      } else {
        put_dash();
      }
      continue;
    }
    if (c == 0xFFFD || is_unicode_punctuation(c) || is_emoji_or_symbol(c) || is_zero_width(c)) {
      put_dash();
      continue;
    }
    if (pending_dash) slug.push_back('-');
    pending_dash = false;
    append_utf8(slug, c);
  }
  // Keep names short enough for every file system, cutting at a character boundary.
  constexpr std::size_t k_max_bytes = 60;
  if (slug.size() > k_max_bytes) {
    std::size_t cut = k_max_bytes;
    while (cut > 0 && is_continuation(static_cast<unsigned char>(slug[cut]))) --cut;
    slug.resize(cut);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  const std::string hash = fmt::format("{:08x}", fnv1a(name));
  if (slug.empty()) return "account-" + hash;
  static constexpr std::array<std::string_view, 22> k_reserved = {
      "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
      "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
  if (std::find(k_reserved.begin(), k_reserved.end(), slug) != k_reserved.end())
    return slug + "-" + hash;
  return slug;
}

double count_words(std::string_view text) {
  double words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = decode_utf8(text, i);
    if (is_cjk(c)) {
      words += 0.5;
      in_word = false;
    } else if (is_ascii_alnum(c) ||
               (c >= 0xC0 && !is_unicode_punctuation(c) && !is_emoji_or_symbol(c))) {
      if (!in_word) words += 1;
      in_word = true;
    } else if (c != '\'' && c != '-') {
      in_word = false;
    }
  }
  return words;
}

} // namespace review::core
