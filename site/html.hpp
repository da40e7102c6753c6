// Escaping for every context a value can land in on a page: text, attribute,
// URL, and JSON inside a <script>. Nothing reaches HTML without one of these.
#pragma once

#include <string>
#include <string_view>

namespace review::site {

std::string escape_html(std::string_view text); // text and quoted attribute values
std::string
escape_script_json(std::string_view json); // JSON placed inside <script>: no "</", no U+2028/9
// Appends `text` as a quoted JSON string, escaped as escape_script_json would leave
// it; invalid UTF-8 becomes U+FFFD. For JSON written without a JSON library.
void append_script_json_string(std::string& out, std::string_view text);

// A URL safe to put in href/src: relative, http(s) or mailto; anything else
// (javascript:, data:, vbscript:, …) becomes "#" so it cannot run.
std::string safe_url(std::string_view url);

// For a URL path segment: keeps unreserved characters and UTF-8, escapes the rest.
std::string escape_url_path(std::string_view path);

// For a query or fragment value ("#competitor=Ledger%20Co"): everything but
// unreserved ASCII is percent-encoded, UTF-8 included, like encodeURIComponent.
std::string escape_url_component(std::string_view value);

// Text and attribute values in XML (the Atom feed): escape_html, minus the control
// characters XML 1.0 forbids, which would make a feed reader reject the whole file.
std::string escape_xml(std::string_view text);

// One CSV field (RFC 4180): quoted when needed. A leading = + - @ or tab is prefixed
// with ' so a spreadsheet shows the text instead of running it as a formula.
std::string csv_field(std::string_view text);

} // namespace review::site
