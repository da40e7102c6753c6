// yaml-cpp adapter: converts its node tree into YamlValue with file positions.
#include "core/yaml_value.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cctype>

namespace review::core {
namespace {

// Aliases share nodes in yaml-cpp but expand in our copy, so a "billion laughs"
// document is stopped by counting the values we create.
constexpr std::size_t k_max_values = 200000;
constexpr int k_max_depth = 64;

constexpr std::string_view k_too_nested_hint =
    "a review's front matter is keys, lists and stakeholder entries: two or three levels "
    "deep; move the rest into the body";

struct TooLarge {
  std::string why;
  Position position;
  std::string_view hint;
};

class Converter {
public:
  explicit Converter(int first_line) : m_first_line(first_line) {}

  YamlValue convert(const YAML::Node& node, int depth, Position fallback) {
    const Position position = position_of(node.Mark(), fallback);
    if (++m_values > k_max_values)
      throw TooLarge{"the front matter expands to more than 200,000 values (YAML aliases?)",
                     position,
                     "YAML aliases (*name) repeat what an anchor (&name) holds, and here they "
                     "multiply; write each value once instead of nesting aliases"};
    if (depth > k_max_depth)
      throw TooLarge{"the front matter is nested more than 64 levels deep", position,
                     k_too_nested_hint};
    YamlValue value;
    value.position = position;
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
      value.kind = YamlValue::Kind::scalar;
      value.scalar = node.Scalar();
      value.quoted = node.Tag() == "!";
      break;
    case YAML::NodeType::Sequence:
      value.kind = YamlValue::Kind::sequence;
      for (const auto& item : node) value.items.push_back(convert(item, depth + 1, position));
      break;
    case YAML::NodeType::Map:
      value.kind = YamlValue::Kind::map;
      for (const auto& pair : node) {
        YamlValue::Entry entry;
        entry.key = pair.first.IsScalar() ? pair.first.Scalar() : std::string("?");
        entry.key_position = position_of(pair.first.Mark(), position);
        entry.value = convert(pair.second, depth + 1, entry.key_position);
        value.entries.push_back(std::move(entry));
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      value.kind = YamlValue::Kind::null;
      break;
    }
    return value;
  }

  Position position_of(const YAML::Mark& mark, Position fallback) const {
    if (mark.is_null() || mark.line < 0) return fallback;
    return Position{mark.line + m_first_line, mark.column + 1};
  }

private:
  int m_first_line;
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
  Converter converter(first_line);
  try {
    const YAML::Node node = YAML::Load(std::string(text));
    result.root = converter.convert(node, 0, Position{first_line, 1});
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (its message is "bad file") fires on flow or block nesting
    // thousands of levels deep, before our 64-level check sees the tree.
    result.ok = false;
    result.error = "the front matter is nested more than 64 levels deep";
    result.error_position = converter.position_of(e.mark, Position{first_line, 1});
    result.hint = k_too_nested_hint;
  } catch (const YAML::Exception& e) {
    result.ok = false;
    result.error = lowercase_first(e.msg);
    result.error_position = converter.position_of(e.mark, Position{first_line, 1});
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
