// yaml-cpp adapter: builds YamlValue with file positions straight from the parser's
// events; building yaml-cpp's own node tree first cost a fifth more (docs/performance.md, 45).
#include "core/yaml_value.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <sstream>
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

// One YAML document as a YamlValue. Collections being read wait on a stack; each
// finished value goes into the collection on top, or becomes the root.
class TreeBuilder : public YAML::EventHandler {
public:
  explicit TreeBuilder(int first_line) : m_first_line(first_line) {
    m_root.position = Position{first_line, 1};
  }

  YamlValue take_root() { return std::move(m_root); }

  Position position_of(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0)
      return m_open.empty() ? m_root.position : m_open.back().value.position;
    return Position{mark.line + m_first_line, mark.column + 1};
  }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlValue value = start(mark);
    finish(std::move(value), anchor, 1, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    YamlValue value = start(mark);
    value.kind = YamlValue::Kind::scalar;
    value.scalar = text;
    value.quoted = tag == "!"; // yaml-cpp's tag for a quoted scalar without a tag of its own
    finish(std::move(value), anchor, 1, 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Position position = position_of(mark);
    const auto found = m_anchored.find(anchor);
    if (found == m_anchored.end()) {
      // yaml-cpp knows the anchor, so it names a collection still open: the alias
      // would repeat the value that holds it, without end.
      throw TooLarge{"a YAML alias repeats the value that holds it, without end", position,
                     "an alias (*name) can repeat a value only after its anchor's (&name) "
                     "value is complete; write the value out instead"};
    }
    const Anchored& anchored = found->second;
    count(anchored.values, position);
    if (m_open.size() + anchored.height > k_max_depth) throw too_nested(position);
    place(YamlValue(anchored.value), anchored.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, YamlValue::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, YamlValue::Kind::map);
  }
  void OnMapEnd() override { close(); }

private:
  struct Open {
    YamlValue value;
    YAML::anchor_t anchor = 0;
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

  YamlValue start(const YAML::Mark& mark) {
    YamlValue value;
    value.position = position_of(mark);
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

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, YamlValue::Kind kind) {
    const std::size_t values_before = m_values;
    YamlValue value = start(mark);
    value.kind = kind;
    Open& opened = m_open.emplace_back();
    opened.value = std::move(value);
    opened.anchor = anchor;
    opened.values_before = values_before;
  }

  void close() {
    Open closed = std::move(m_open.back());
    m_open.pop_back();
    finish(std::move(closed.value), closed.anchor, m_values - closed.values_before, closed.height);
  }

  void finish(YamlValue value, YAML::anchor_t anchor, std::size_t values, std::size_t height) {
    if (anchor != 0) m_anchored[anchor] = Anchored{value, values, height};
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
  std::unordered_map<YAML::anchor_t, Anchored> m_anchored;
  std::size_t m_values = 0;
};

std::string lowercase_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
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
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    result.root = builder.take_root();
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp has a depth guard of its own (its message is "bad file"); should it
    // fire before our 64-level check, the message is the same.
    result.ok = false;
    result.error = k_too_nested;
    result.error_position = builder.position_of(e.mark);
    result.hint = k_too_nested_hint;
  } catch (const YAML::Exception& e) {
    result.ok = false;
    result.error = lowercase_first(e.msg);
    result.error_position = builder.position_of(e.mark);
    result.root = YamlValue{};
  } catch (const TooLarge& e) {
    result.ok = false;
    result.error = e.why;
    result.error_position = e.position;
    result.hint = e.hint;
    result.root = YamlValue{};
  }
  return result;
}

} // namespace review::core
