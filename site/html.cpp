#include "site/html.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace review::site {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string escape_script_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (json.substr(i).starts_with("\xE2\x80\xA8")) out += "\\u2028", i += 2;
    else if (json.substr(i).starts_with("\xE2\x80\xA9")) out += "\\u2029", i += 2;
    else out += c;
  }
  return out;
}

std::string safe_url(std::string_view url) {
  const std::string_view trimmed = core::trim(url);
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  std::string compact;
  for (char c : trimmed) {
    if (static_cast<unsigned char>(c) > 0x20) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::size_t colon = compact.find(':');
  const std::size_t delimiter = compact.find_first_of("/?#");
  const bool has_scheme = colon != std::string::npos && (delimiter == std::string::npos || colon < delimiter);
  if (!has_scheme) return std::string(trimmed);
  const std::string scheme = compact.substr(0, colon);
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return std::string(trimmed);
  return "#";
}

std::string escape_url_path(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' || byte >= 0x80) out += c;
    else out += fmt::format("%{:02X}", byte);
  }
  return out;
}

} // namespace review::site
