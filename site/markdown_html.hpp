// A review's Markdown body as safe HTML (md4c-html, raw HTML escaped, template
// prompts dropped, unsafe link schemes neutralised) and as plain text for search
// and summaries. The only place in the site that sees md4c-html.
#pragma once

#include "core/review.hpp"

#include <string>
#include <string_view>

namespace review::site {

// The body as HTML: raw HTML shows as text, HTML comments are removed, a link with
// a scheme other than http(s) or mailto points to "#", and images become links
// (a page never loads anything from outside the site).
std::string render_body_html(const core::Review& review);

// The body's prose for full-text search: every text block without markup or
// comments, whitespace collapsed.
std::string body_plain_text(const core::Review& review);

// A block's text without its raw-HTML runs (comments).
std::string block_prose(const core::Block& block);

// The first paragraph of a section ("summary") as plain text, cut at `max_chars`
// code points on a word boundary with "…"; "" when the section is missing or empty.
std::string section_excerpt(const core::Review& review, std::string_view section_id,
                            std::size_t max_chars);

} // namespace review::site
