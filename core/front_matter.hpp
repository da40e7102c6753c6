// Splits a review file into YAML front matter and Markdown body.
#pragma once

#include "core/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace review::core {

// Front matter larger than this is reported and not parsed: a review's fields take
// about 40 lines (2 KiB), and YAML parsing is the costliest step per byte.
inline constexpr std::size_t k_max_front_matter_bytes = 64 * 1024;

// The text of a review after normalisation: UTF-8 BOM dropped and CRLF/CR turned
// into LF. Line numbers are unchanged by both, so positions still match the file.
struct SourceText {
  std::string text;
  bool had_bom = false;
  bool had_crlf = false;
};
SourceText normalise_source(std::string_view raw);

struct FrontMatterSplit {
  enum class Status {
    ok,         // "---" … "---" found
    absent,     // the file does not open with "---"
    not_closed, // "---" opened it and nothing closed it
    empty_file, // nothing but whitespace
  };
  Status status = Status::absent;
  std::string_view yaml;       // between the fences (empty unless ok)
  int yaml_first_line = 0;     // file line of the first YAML line
  std::string_view body;       // everything after the closing fence (or the whole text)
  int body_first_line = 1;     // file line where the body starts
  std::size_t body_offset = 0; // byte offset of the body in the text
  Position opening_fence;      // where "---" opened, for not_closed
};

// `text` must be normalised (see normalise_source). The closing fence is "---" or "...".
FrontMatterSplit split_front_matter(std::string_view text);

} // namespace review::core
