// libyaml adapter: builds YamlValue with file positions straight from the parser's
// events. yaml-cpp took five times as long on the same front matter and was most of a
// build from scratch (docs/performance.md, 28 and 48).
#include "core/yaml_value.hpp"

#include "core/markdown.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace review::core {
namespace {

// Aliases are expanded in our tree, so a "billion laughs" document is stopped by
// counting the values the expansion would create.
constexpr std::size_t k_max_values = 200000;
constexpr std::size_t k_max_depth = 64;

constexpr std::string_view k_too_nested = "the front matter is nested more than 64 levels deep";
constexpr std::string_view k_too_nested_hint =
    "a review's front matter is keys, lists and stakeholder entries: two or three levels "
    "deep; move the rest into the body";

struct TooLarge {
  std::string why;
  Position position;
  std::string_view hint;
};

TooLarge too_nested(Position position) {
  return TooLarge{std::string(k_too_nested), position, k_too_nested_hint};
}

std::string_view text_of(const yaml_char_t* text, std::size_t length) {
  return {reinterpret_cast<const char*>(text), length};
}

// libyaml counts lines from 0 and columns in code points from 0.
Position position_of(const yaml_mark_t& mark, int first_line) {
  return Position{static_cast<int>(mark.line) + first_line, static_cast<int>(mark.column) + 1};
}

std::string name_of(const yaml_char_t* anchor) {
  return anchor != nullptr ? std::string(reinterpret_cast<const char*>(anchor)) : std::string();
}

// One YAML document as a YamlValue. Collections being read wait on a stack; each
// finished value goes into the collection on top, or becomes the root.
class TreeBuilder {
public:
  explicit TreeBuilder(int first_line) : m_first_line(first_line) {
    m_root.position = Position{first_line, 1};
  }

  YamlValue take_root() { return std::move(m_root); }

  void scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    YamlValue value = start(event.start_mark);
    const std::string_view text = text_of(scalar.value, scalar.length);
    const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    const bool tagged = scalar.tag != nullptr;
    // As YAML's core schema reads them (no content, "~", "null"); quotes or a tag make
    // them text.
    const bool null =
        plain && !tagged &&
        (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL");
    if (!null) {
      value.kind = YamlValue::Kind::scalar;
      value.scalar = text;
      value.quoted = !plain && !tagged;
    }
    finish(std::move(value), name_of(scalar.anchor), 1, 0);
  }

  void alias(const yaml_event_t& event) {
    const Position position = position_of(event.start_mark, m_first_line);
    const std::string name = name_of(event.data.alias.anchor);
    const auto found = m_anchored.find(name);
    if (found == m_anchored.end()) {
      const bool holds_it = std::any_of(m_open.begin(), m_open.end(),
                                        [&](const Open& open) { return open.anchor == name; });
      if (holds_it) {
        throw TooLarge{"a YAML alias repeats the value that holds it, without end", position,
                       "an alias (*name) can repeat a value only after its anchor's (&name) "
                       "value is complete; write the value out instead"};
      }
      throw TooLarge{"the YAML alias *" + name + " has no anchor &" + name + " before it", position,
                     "an alias (*name) repeats the value marked with &name earlier in the "
                     "front matter; add the anchor or write the value out"};
    }
    const Anchored& anchored = found->second;
    count(anchored.values, position);
    if (m_open.size() + anchored.height > k_max_depth) throw too_nested(position);
    place(YamlValue(anchored.value), anchored.height);
  }

  void open(const yaml_event_t& event, const yaml_char_t* anchor, YamlValue::Kind kind) {
    const std::size_t values_before = m_values;
    YamlValue value = start(event.start_mark);
    value.kind = kind;
    Open& opened = m_open.emplace_back();
    opened.value = std::move(value);
    opened.anchor = name_of(anchor);
    opened.values_before = values_before;
    // From here an alias of that name means this collection, not an earlier value.
    if (!opened.anchor.empty()) m_anchored.erase(opened.anchor);
  }

  void close() {
    Open closed = std::move(m_open.back());
    m_open.pop_back();
    finish(std::move(closed.value), closed.anchor, m_values - closed.values_before, closed.height);
  }

private:
  struct Open {
    YamlValue value;
    std::string anchor;            // "" when it has none
    std::size_t values_before = 0; // values counted before it
    std::size_t height = 0;        // levels below it so far
    bool has_key = false;          // a map's key waits in `entry` for its value
    YamlValue::Entry entry;
  };
  struct Anchored {
    YamlValue value;
    std::size_t values = 0; // values it stands for, aliases inside it expanded
    std::size_t height = 0;
  };

  YamlValue start(const yaml_mark_t& mark) {
    YamlValue value;
    value.position = position_of(mark, m_first_line);
    if (m_open.size() > k_max_depth) throw too_nested(value.position);
    count(1, value.position);
    return value;
  }

  void count(std::size_t values, Position position) {
    m_values += values;
    if (m_values > k_max_values)
      throw TooLarge{"the front matter expands to more than 200,000 values (YAML aliases?)",
                     position,
                     "YAML aliases (*name) repeat what an anchor (&name) holds, and here they "
                     "multiply; write each value once instead of nesting aliases"};
  }

  void finish(YamlValue value, const std::string& anchor, std::size_t values, std::size_t height) {
    if (!anchor.empty()) m_anchored[anchor] = Anchored{value, values, height};
    place(std::move(value), height);
  }

  // `height`: how many levels the value has below it.
  void place(YamlValue value, std::size_t height) {
    if (m_open.empty()) {
      m_root = std::move(value);
      return;
    }
    Open& parent = m_open.back();
    parent.height = std::max(parent.height, height + 1);
    if (parent.value.is_sequence()) {
      parent.value.items.push_back(std::move(value));
    } else if (!parent.has_key) {
      parent.entry.key = value.is_scalar() ? std::move(value.scalar) : std::string("?");
      parent.entry.key_position = value.position;
      parent.has_key = true;
    } else {
      parent.entry.value = std::move(value);
      parent.value.entries.push_back(std::move(parent.entry));
      parent.entry = YamlValue::Entry{};
      parent.has_key = false;
    }
  }

  int m_first_line;
  YamlValue m_root;
  std::vector<Open> m_open;
  std::unordered_map<std::string, Anchored> m_anchored;
  std::size_t m_values = 0;
};

// libyaml's parser and its current event, released however the parse ends.
class EventReader {
public:
  explicit EventReader(std::string_view text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventReader() {
    release();
    yaml_parser_delete(&m_parser);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  // The next event, or nullptr on a syntax error (see parser()).
  const yaml_event_t* next() {
    release();
    if (yaml_parser_parse(&m_parser, &m_event) == 0) return nullptr;
    m_has_event = true;
    return &m_event;
  }
  [[nodiscard]] const yaml_parser_t& parser() const { return m_parser; }

private:
  void release() {
    if (m_has_event) yaml_event_delete(&m_event);
    m_has_event = false;
  }

  yaml_parser_t m_parser{};
  yaml_event_t m_event{};
  bool m_has_event = false;
};

// The character at a mark, "" past the end.
std::string_view character_at(std::string_view text, const yaml_mark_t& mark) {
  std::size_t offset = 0;
  for (std::size_t line = 0; line < mark.line; ++line) {
    offset = text.find('\n', offset);
    if (offset == std::string_view::npos) return {};
    ++offset;
  }
  for (std::size_t column = 0; column < mark.column && offset < text.size(); ++column)
    decode_utf8(text, offset);
  if (offset >= text.size()) return {};
  const std::size_t start = offset;
  decode_utf8(text, offset);
  return text.substr(start, offset - start);
}

// The mistakes people make most, in plain words and at the place to fix them; any
// other error keeps libyaml's words and names the line where what it was reading
// starts (an unclosed list is found only where the next key begins).
void describe_syntax_error(const yaml_parser_t& parser, std::string_view text, int first_line,
                           YamlParseResult& result) {
  result.ok = false;
  const std::string_view problem = parser.problem != nullptr ? parser.problem : "";
  const std::string_view context = parser.context != nullptr ? parser.context : "";
  result.error = problem.empty() ? "the YAML parser stopped" : std::string(problem);
  if (parser.error == YAML_READER_ERROR) {
    // The reader stops before any token, so it gives a byte offset, not a mark.
    result.error_position = LineIndex(text, first_line).position_of(parser.problem_offset);
    if (problem == "control characters are not allowed" && parser.problem_value >= 0) {
      result.error = fmt::format("there is an invisible control character (U+{:04X}) "
                                 "here, which YAML does not allow",
                                 parser.problem_value);
      result.hint = "delete it; it usually comes pasted from another program, and most "
                    "editors do not show it";
    }
    return;
  }
  result.error_position = position_of(parser.problem_mark, first_line);
  const int context_line = static_cast<int>(parser.context_mark.line) + first_line;
  const std::string_view character = character_at(text, parser.problem_mark);

  if (problem == "found unexpected end of stream" && context == "while scanning a quoted scalar") {
    result.error = fmt::format("the quote opened on line {} is never closed", context_line);
    result.error_position = position_of(parser.context_mark, first_line);
    result.hint = "close the quote where the value ends; inside '…' write an apostrophe as '', "
                  "inside \"…\" write a quote as \\\"";
  } else if (problem == "found a tab character that violates indentation" ||
             (problem == "found character that cannot start any token" && character == "\t")) {
    result.error = "a tab indents this line, and YAML indents with spaces only";
    result.hint = "replace the tab with spaces";
  } else if (problem == "found character that cannot start any token" && !character.empty()) {
    result.error = fmt::format("a value cannot start with '{}' unless it is in quotes", character);
    result.hint = "put the whole value in double quotes";
  } else if (problem == "could not find expected ':'" && context == "while scanning a simple key") {
    result.error = "this line has no ':' after its key";
    result.error_position = position_of(parser.context_mark, first_line);
    result.hint = "each front-matter line is `key: value`; add the ':', or move the text into "
                  "the body";
  } else if ((problem == "did not find expected ',' or ']'" &&
              context == "while parsing a flow sequence") ||
             (problem == "did not find expected ',' or '}'" &&
              context == "while parsing a flow mapping")) {
    const bool list = context == "while parsing a flow sequence";
    result.error =
        fmt::format("the {} opened with '{}' on line {} needs a ',' between items and "
                    "a '{}' at its end",
                    list ? "list" : "mapping", list ? '[' : '{', context_line, list ? ']' : '}');
    result.error_position = position_of(parser.context_mark, first_line);
    result.hint = list ? "close the list on the line it opens, for example `competitors: "
                         "[Ledgerly, in-house]`"
                       : "close the mapping on the line it opens, for example `{name: Dana "
                         "Okafor, role: CFO}`";
  } else if (!context.empty()) {
    result.error += fmt::format(" ({} that starts on line {})", context, context_line);
  }
}

} // namespace

const YamlValue::Entry* YamlValue::find_entry(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const YamlValue* YamlValue::find(std::string_view key) const {
  const Entry* entry = find_entry(key);
  return entry != nullptr ? &entry->value : nullptr;
}

std::string_view YamlValue::kind_name() const {
  switch (kind) {
  case Kind::null:
    return "nothing";
  case Kind::scalar:
    return "a single value";
  case Kind::sequence:
    return "a list";
  case Kind::map:
    return "a mapping";
  }
  return "nothing";
}

YamlParseResult parse_yaml(std::string_view text, int first_line) {
  YamlParseResult result;
  TreeBuilder builder(first_line);
  EventReader reader(text);
  try {
    // Only the first document is read, as a front matter holds one.
    for (bool done = false; !done;) {
      const yaml_event_t* event = reader.next();
      if (event == nullptr) {
        describe_syntax_error(reader.parser(), text, first_line, result);
        return result;
      }
      switch (event->type) {
      case YAML_SCALAR_EVENT:
        builder.scalar(*event);
        break;
      case YAML_ALIAS_EVENT:
        builder.alias(*event);
        break;
      case YAML_SEQUENCE_START_EVENT:
        builder.open(*event, event->data.sequence_start.anchor, YamlValue::Kind::sequence);
        break;
      case YAML_MAPPING_START_EVENT:
        builder.open(*event, event->data.mapping_start.anchor, YamlValue::Kind::map);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        builder.close();
        break;
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
      }
    }
    result.root = builder.take_root();
  } catch (const TooLarge& e) {
    result.ok = false;
    result.error = e.why;
    result.error_position = e.position;
    result.hint = e.hint;
  }
  return result;
}

} // namespace review::core
