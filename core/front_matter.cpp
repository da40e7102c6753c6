#include "core/front_matter.hpp"

#include "core/text.hpp"

namespace review::core {
namespace {

// The line starting at `offset` (without its '\n') and the offset after it.
std::string_view line_at(std::string_view text, std::size_t offset, std::size_t& next) {
  const std::size_t end = text.find('\n', offset);
  next = end == std::string_view::npos ? text.size() : end + 1;
  return text.substr(offset, (end == std::string_view::npos ? text.size() : end) - offset);
}

bool is_fence(std::string_view line, bool closing) {
  // Trailing spaces are tolerated; "..." ends a YAML document too.
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

} // namespace

SourceText normalise_source(std::string_view raw) {
  SourceText source;
  if (raw.starts_with("\xEF\xBB\xBF")) {
    source.had_bom = true;
    raw.remove_prefix(3);
  }
  source.text.reserve(raw.size());
  // Copied a line run at a time between carriage returns (a byte at a time was a
  // sixth of parsing a review); a lone CR also becomes LF.
  for (std::size_t start = 0; start < raw.size();) {
    const std::size_t cr = raw.find('\r', start);
    if (cr == std::string_view::npos) {
      source.text.append(raw.substr(start));
      break;
    }
    source.had_crlf = true;
    source.text.append(raw.substr(start, cr - start));
    source.text.push_back('\n');
    start = cr + 1 < raw.size() && raw[cr + 1] == '\n' ? cr + 2 : cr + 1;
  }
  return source;
}

FrontMatterSplit split_front_matter(std::string_view text) {
  FrontMatterSplit split;
  split.body = text;
  if (trim(text).empty()) {
    split.status = FrontMatterSplit::Status::empty_file;
    return split;
  }
  std::size_t next = 0;
  if (!is_fence(line_at(text, 0, next), false)) {
    split.status = FrontMatterSplit::Status::absent;
    return split;
  }
  split.opening_fence = Position{1, 1};
  const std::size_t yaml_start = next;
  int line = 2;
  for (std::size_t offset = yaml_start; offset < text.size(); ++line) {
    const std::size_t line_start = offset;
    if (is_fence(line_at(text, offset, offset), true)) {
      split.status = FrontMatterSplit::Status::ok;
      split.yaml = text.substr(yaml_start, line_start - yaml_start);
      split.yaml_first_line = 2;
      split.body_offset = offset;
      split.body = text.substr(offset);
      split.body_first_line = line + 1;
      return split;
    }
  }
  split.status = FrontMatterSplit::Status::not_closed;
  return split;
}

} // namespace review::core
