#include "site/html.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace review::site {

// Both escapers copy runs of ordinary bytes in one go: they run over every byte of a
// 10,000-review site, so a per-character append would dominate the build.
std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view replacement;
    switch (text[i]) {
    case '&':
      replacement = "&amp;";
      break;
    case '<':
      replacement = "&lt;";
      break;
    case '>':
      replacement = "&gt;";
      break;
    case '"':
      replacement = "&quot;";
      break;
    case '\'':
      replacement = "&#39;";
      break;
    default:
      continue;
    }
    out.append(text, copied, i - copied);
    out += replacement;
    copied = i + 1;
  }
  out.append(text, copied);
  return out;
}

namespace {

// What stands for `c` in a JSON string: the escapes JSON names, or "" when `c`
// stands for itself or needs a \u escape (the other control characters).
std::string_view json_named_escape(char c) {
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '\b':
    return "\\b";
  case '\f':
    return "\\f";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  default:
    return {};
  }
}

// What stands for `c` in JSON inside <script> so that no "</script>" or "<!--" can
// form, or "" when it stands for itself.
std::string_view script_markup_escape(char c) {
  switch (c) {
  case '<':
    return "\\u003c";
  case '>':
    return "\\u003e";
  case '&':
    return "\\u0026";
  default:
    return {};
  }
}

} // namespace

void append_script_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    if (c >= 0x80) {
      const char32_t code = core::decode_utf8(text, i);
      if (code == 0x2028)
        replacement = "\\u2028";
      else if (code == 0x2029)
        replacement = "\\u2029";
      else if (code == 0xFFFD && text.substr(at, 3) != "\xEF\xBF\xBD")
        replacement = "\xEF\xBF\xBD";
      else
        continue;
    } else {
      ++i;
      replacement = json_named_escape(text[at]);
      if (replacement.empty()) replacement = script_markup_escape(text[at]);
      if (replacement.empty() && c >= 0x20) continue;
    }
    out.append(text, copied, at - copied);
    if (replacement.empty())
      out += fmt::format("\\u{:04x}", c); // the other control characters
    else
      out += replacement;
    copied = i;
  }
  out.append(text, copied);
  out += '"';
}

std::string escape_script_json(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  std::size_t copied = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    std::string_view replacement = script_markup_escape(json[i]);
    std::size_t length = 1;
    if (json[i] == '\xE2') { // U+2028 and U+2029 end a line in older JavaScript
      if (json.substr(i, 3) == "\xE2\x80\xA8")
        replacement = "\\u2028";
      else if (json.substr(i, 3) == "\xE2\x80\xA9")
        replacement = "\\u2029";
      length = 3;
    }
    if (replacement.empty()) continue;
    out.append(json, copied, i - copied);
    out += replacement;
    copied = i + length;
    i += length - 1;
  }
  out.append(json, copied);
  return out;
}

std::string safe_url(std::string_view url) {
  const std::string_view trimmed = core::trim(url);
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  std::string compact;
  for (char c : trimmed) {
    if (static_cast<unsigned char>(c) > 0x20)
      compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::size_t colon = compact.find(':');
  const std::size_t delimiter = compact.find_first_of("/?#");
  const bool has_scheme =
      colon != std::string::npos && (delimiter == std::string::npos || colon < delimiter);
  if (!has_scheme) return std::string(trimmed);
  const std::string scheme = compact.substr(0, colon);
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return std::string(trimmed);
  return "#";
}

std::string escape_url_path(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' ||
        byte >= 0x80)
      out += c;
    else
      out += fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string escape_url_component(std::string_view value) {
  std::string out;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~')
      out += c;
    else
      out += fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 || c == '\t' || c == '\n' || c == '\r') kept += c;
  }
  return escape_html(kept);
}

std::string csv_field(std::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    value.insert(0, 1, '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

} // namespace review::site
