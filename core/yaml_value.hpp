// A parsed YAML tree with source positions, independent of the YAML library,
// so that nothing outside the front-matter and config parsers sees libyaml.
#pragma once

#include "core/diagnostic.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace review::core {

struct YamlValue {
  enum class Kind { null, scalar, sequence, map };
  struct Entry;

  Kind kind = Kind::null;
  std::string scalar;           // for scalars (and "~"/"null" keep Kind::null)
  bool quoted = false;          // the scalar was written in quotes ("123" is a string)
  std::vector<YamlValue> items; // for sequences
  std::vector<Entry> entries;   // for maps, in file order
  Position position;            // where the value starts in the file

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }

  // Map lookup; nullptr when absent or when this is not a map.
  const YamlValue* find(std::string_view key) const;
  const Entry* find_entry(std::string_view key) const;
  // "scalar", "list", "mapping" or "nothing", for messages.
  std::string_view kind_name() const;
};

struct YamlValue::Entry {
  std::string key;
  Position key_position;
  YamlValue value;
};

struct YamlParseResult {
  YamlValue root;
  bool ok = true;
  std::string error;       // the parser's message, lowercase, without position
  Position error_position; // in file coordinates
  std::string hint;        // how to fix it, for the limits we set and control characters; "" for
                           // other syntax errors
};

// Parses YAML text that starts at `first_line` of its file (1-based), so every
// position is in file coordinates (columns count code points). Reads the first
// document only. Rejects alias expansion beyond a fixed budget, an alias inside its
// own anchor's value, an alias without an anchor and nesting deeper than 64 levels,
// returning an error with a hint instead.
YamlParseResult parse_yaml(std::string_view text, int first_line);

} // namespace review::core
