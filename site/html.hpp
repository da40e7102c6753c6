// Escaping for every context a value can land in on a page: text, attribute,
// URL, and JSON inside a <script>. Nothing reaches HTML without one of these.
#pragma once

#include <string>
#include <string_view>

namespace review::site {

std::string escape_html(std::string_view text);      // text and quoted attribute values
std::string escape_script_json(std::string_view json); // JSON placed inside <script>: no "</", no U+2028/9

// A URL safe to put in href/src: relative, http(s) or mailto; anything else
// (javascript:, data:, vbscript:, …) becomes "#" so it cannot run.
std::string safe_url(std::string_view url);

// For a URL path segment: keeps unreserved characters and UTF-8, escapes the rest.
std::string escape_url_path(std::string_view path);

} // namespace review::site
