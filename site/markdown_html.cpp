#include "site/markdown_html.hpp"

#include "core/text.hpp"
#include "site/html.hpp"

#include <md4c-html.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace review::site {
namespace {

// Byte offsets in a text of 1-based line:column positions (columns in code points).
// Positions asked in file order continue from the previous answer on the same line,
// so a line of many comments is walked once rather than once per comment.
class OffsetFinder {
public:
  explicit OffsetFinder(std::string_view text) : m_text(text) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') m_line_starts.push_back(i + 1);
    }
  }

  // npos when the line is not in the text; the line's end when the column is past it.
  std::size_t offset_of(core::Position position) {
    if (position.line < 1 || static_cast<std::size_t>(position.line) > m_line_starts.size())
      return std::string_view::npos;
    std::size_t offset = m_line_starts[static_cast<std::size_t>(position.line - 1)];
    int column = 1;
    if (position.line == m_last.line && position.column >= m_last.column) {
      offset = m_last_offset;
      column = m_last.column;
    }
    for (; column < position.column && offset < m_text.size() && m_text[offset] != '\n'; ++column) {
      core::decode_utf8(m_text, offset);
    }
    m_last = core::Position{position.line, column};
    m_last_offset = offset;
    return offset;
  }

private:
  std::string_view m_text;
  std::vector<std::size_t> m_line_starts;
  core::Position m_last;         // where the last walk stopped…
  std::size_t m_last_offset = 0; // …and its byte offset
};

// The body with every HTML comment (template prompts, lint switches) cut out. The
// comments come from core's parse, so "<!--" inside code stays as written.
std::string body_without_comments(const core::Review& review) {
  const std::string_view source = review.source.text;
  const std::string_view body = review.body_text();
  if (review.body.comments.empty()) return std::string(body);

  OffsetFinder offsets(source);
  std::vector<std::pair<std::size_t, std::size_t>> cuts; // [begin, end) in body
  for (const auto& comment : review.body.comments) {
    const std::size_t at = offsets.offset_of(comment.position);
    if (at == std::string_view::npos || at < review.body_offset) continue;
    const std::size_t begin = at - review.body_offset;
    if (body.substr(begin, 4) != "<!--") continue;
    const std::size_t close = body.find("-->", begin + 4);
    cuts.emplace_back(begin, close == std::string_view::npos ? body.size() : close + 3);
  }
  std::sort(cuts.begin(), cuts.end());
  std::string out;
  out.reserve(body.size());
  std::size_t copied = 0;
  for (const auto& [begin, end] : cuts) {
    if (begin < copied) continue; // inside a comment already cut
    out.append(body.substr(copied, begin - copied));
    copied = end;
  }
  out.append(body.substr(std::min(copied, body.size())));
  return out;
}

// Reads an attribute value md4c-html wrote (`name="…"`) starting at `at`; advances `at`
// past the closing quote. Returns false when the text there is something else.
bool read_attribute(std::string_view html, std::size_t& at, std::string_view name,
                    std::string_view& value) {
  const std::string prefix = std::string(name) + "=\"";
  if (html.substr(at, prefix.size()) != prefix) return false;
  const std::size_t begin = at + prefix.size();
  const std::size_t end = html.find('"', begin);
  if (end == std::string_view::npos) return false;
  value = html.substr(begin, end - begin);
  at = end + 1;
  return true;
}

// md4c-html escapes '&' in URLs and percent-encodes quotes and spaces; undoing the
// '&' gives the URL a browser would follow.
std::string attribute_url(std::string_view value) {
  std::string url;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 5) == "&amp;") {
      url += '&';
      i += 4;
    } else {
      url += value[i];
    }
  }
  return url;
}

constexpr std::string_view k_link_open = "<a href=\"";
constexpr std::string_view k_image_open = "<img ";
constexpr std::string_view k_task_open =
    "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled";

// Rewrites md4c-html's output: unsafe link targets → "#", images → links, task
// checkboxes → marks with text. With raw HTML disabled every '<' in the output is a
// tag md4c-html wrote itself, so scanning for its exact spellings is reliable.
std::string make_safe(std::string_view html) {
  std::string out;
  out.reserve(html.size() + 64);
  int link_depth = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t tag = html.find('<', i);
    out.append(html.substr(i, tag - i));
    if (tag == std::string_view::npos) break;
    i = tag;
    if (html.substr(i).starts_with(k_link_open)) {
      std::size_t at = i + 3;
      std::string_view href;
      if (read_attribute(html, at, "href", href)) {
        ++link_depth;
        if (safe_url(attribute_url(href)) == "#") {
          out += "<a class=\"unsafe-link\" href=\"#\" title=\"link removed: its address could run "
                 "code\"";
        } else {
          out.append(html.substr(i, at - i));
        }
        i = at;
        continue;
      }
    } else if (html.substr(i).starts_with("</a>")) {
      --link_depth;
    } else if (html.substr(i).starts_with(k_image_open)) {
      std::size_t at = i + k_image_open.size();
      std::string_view src;
      std::string_view alt;
      std::string_view title;
      if (read_attribute(html, at, "src", src) && html.substr(at, 1) == " " &&
          read_attribute(html, ++at, "alt", alt)) {
        if (html.substr(at, 1) == " " && html.substr(at + 1).starts_with("title=\"")) {
          ++at;
          read_attribute(html, at, "title", title);
        }
        if (html.substr(at).starts_with(" />"))
          at += 3;
        else if (html.substr(at).starts_with(">"))
          at += 1;
        const std::string_view label = alt.empty() ? std::string_view("image") : alt;
        const std::string url = attribute_url(src);
        if (link_depth == 0 && safe_url(url) != "#") {
          out += "<a class=\"image-link\" href=\"";
          out.append(src);
          out += "\">";
          out += "<span aria-hidden=\"true\">&#128444;&#65039; </span>";
          out.append(label);
          out += "</a>";
        } else {
          out += "<span class=\"image-link\">";
          out.append(label);
          out += "</span>";
        }
        i = at;
        continue;
      }
    } else if (html.substr(i).starts_with(k_task_open)) {
      std::size_t at = i + k_task_open.size();
      const bool checked = html.substr(at).starts_with(" checked");
      if (checked) at += 8;
      if (html.substr(at).starts_with(" />"))
        at += 3;
      else if (html.substr(at).starts_with(">"))
        at += 1;
      out += checked ? "<span class=\"task-mark done\" aria-hidden=\"true\">&#10003;</span>"
                       "<span class=\"visually-hidden\">Done: </span>"
                     : "<span class=\"task-mark\" aria-hidden=\"true\"></span>"
                       "<span class=\"visually-hidden\">Open: </span>";
      i = at;
      continue;
    }
    out += '<';
    ++i;
  }
  return out;
}

void append_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

} // namespace

std::string block_prose(const core::Block& block) {
  if (block.kind == core::BlockKind::html_block) return {};
  std::string text;
  std::size_t copied = 0;
  for (const auto& run : block.runs) {
    if (run.kind != core::RunKind::html) continue;
    if (run.offset > copied) text.append(block.text, copied, run.offset - copied);
    text += ' ';
    copied = std::max(copied, run.offset + run.length);
  }
  if (copied < block.text.size()) text.append(block.text, copied);
  return text;
}

std::string render_body_html(const core::Review& review) {
  const std::string body = body_without_comments(review);
  std::string html;
  html.reserve(body.size() * 5 / 4 + 64);
  md_html(body.data(), static_cast<MD_SIZE>(body.size()), append_output, &html,
          MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
  return make_safe(html);
}

std::string body_plain_text(const core::Review& review) {
  std::string text;
  for (const auto& block : review.body.blocks) {
    const std::string prose = block_prose(block);
    if (core::trim(prose).empty()) continue;
    if (!text.empty() && text.back() != ' ') text += ' ';
    append_collapsed(text, prose);
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string section_excerpt(const core::Review& review, std::string_view section_id,
                            std::size_t max_chars) {
  const core::Section* section = review.body.find_section(section_id);
  if (section == nullptr) return {};
  std::string text;
  for (std::size_t b = section->first_block;
       b < section->end_block && b < review.body.blocks.size(); ++b) {
    const std::string prose = block_prose(review.body.blocks[b]);
    if (core::trim(prose).empty()) continue;
    append_collapsed(text, prose);
    break;
  }
  text = std::string(core::trim(text));
  if (core::count_code_points(text) <= max_chars) return text;
  std::size_t offset = 0;
  for (std::size_t n = 0; n < max_chars && offset < text.size(); ++n)
    core::decode_utf8(text, offset);
  std::size_t cut = text.rfind(' ', offset);
  if (cut == std::string::npos || cut < offset / 2) cut = offset;
  text.resize(cut);
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ';'))
    text.pop_back();
  return text + "…";
}

} // namespace review::site
