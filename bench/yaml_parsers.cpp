// review_bench_yaml: yaml-cpp against libyaml on the front matter of a corpus, both
// building the same YamlValue tree, on one thread. The evidence issue 7 asks for
// before a YAML parser other than yaml-cpp is proposed (docs/performance.md):
//   review_bench_yaml CORPUS_DIR
// Prints each parser's total and per-review time and how many trees differ from
// parse_yaml's; the numbers are for reading, not for assertions.
#include "core/config.hpp"
#include "core/front_matter.hpp"
#include "core/fs.hpp"
#include "core/repo.hpp"
#include "core/yaml_value.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace core = review::core;
using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A YamlValue from libyaml's events, with yaml-cpp's conventions: plain "", "~" and
// "null" are null; a quoted scalar is marked quoted. Aliases are not followed (the
// corpus has none); they and any parse error give nullopt.
class LibyamlBuilder {
public:
  LibyamlBuilder(std::string_view text, int first_line) : m_first_line(first_line) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~LibyamlBuilder() { yaml_parser_delete(&m_parser); }
  LibyamlBuilder(const LibyamlBuilder&) = delete;
  LibyamlBuilder& operator=(const LibyamlBuilder&) = delete;

  std::optional<core::YamlValue> build() {
    core::YamlValue root;
    yaml_event_t event;
    while (next(event)) {
      const yaml_event_type_t type = event.type;
      if (type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&event);
        return root;
      }
      if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
          type == YAML_MAPPING_START_EVENT) {
        if (!value(event, root)) return std::nullopt;
        continue;
      }
      yaml_event_delete(&event);
      if (type == YAML_ALIAS_EVENT) return std::nullopt;
    }
    return std::nullopt;
  }

private:
  bool next(yaml_event_t& event) { return yaml_parser_parse(&m_parser, &event) != 0; }

  [[nodiscard]] core::Position position(const yaml_event_t& event) const {
    return core::Position{static_cast<int>(event.start_mark.line) + m_first_line,
                          static_cast<int>(event.start_mark.column) + 1};
  }

  // Takes ownership of `event`, the value's first event.
  bool value(yaml_event_t& event, core::YamlValue& out) {
    out.position = position(event);
    const yaml_event_type_t type = event.type;
    if (type == YAML_SCALAR_EVENT) {
      const std::string_view text(reinterpret_cast<const char*>(event.data.scalar.value),
                                  event.data.scalar.length);
      const bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      if (plain &&
          (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")) {
        out.kind = core::YamlValue::Kind::null;
      } else {
        out.kind = core::YamlValue::Kind::scalar;
        out.scalar = text;
        out.quoted = !plain;
      }
      yaml_event_delete(&event);
      return true;
    }
    yaml_event_delete(&event);
    if (type == YAML_SEQUENCE_START_EVENT) {
      out.kind = core::YamlValue::Kind::sequence;
      yaml_event_t item;
      while (next(item)) {
        if (item.type == YAML_SEQUENCE_END_EVENT) {
          yaml_event_delete(&item);
          return true;
        }
        if (!value(item, out.items.emplace_back())) return false;
      }
      return false;
    }
    if (type == YAML_MAPPING_START_EVENT) {
      out.kind = core::YamlValue::Kind::map;
      yaml_event_t key;
      while (next(key)) {
        if (key.type == YAML_MAPPING_END_EVENT) {
          yaml_event_delete(&key);
          return true;
        }
        core::YamlValue::Entry& entry = out.entries.emplace_back();
        core::YamlValue key_value;
        if (!value(key, key_value)) return false;
        entry.key = key_value.is_scalar() ? key_value.scalar : std::string("?");
        entry.key_position = key_value.position;
        yaml_event_t item;
        if (!next(item) || !value(item, entry.value)) return false;
      }
      return false;
    }
    return false; // an alias
  }

  yaml_parser_t m_parser{};
  int m_first_line;
};

// Counts yaml-cpp's events and builds nothing: the floor of any tree built from them.
class CountingHandler : public YAML::EventHandler {
public:
  std::size_t events = 0;
  void OnDocumentStart(const YAML::Mark& /*mark*/) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++events; }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++events; }
  void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                       YAML::anchor_t /*anchor*/, YAML::EmitterStyle::value /*style*/) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

bool same(const core::YamlValue& a, const core::YamlValue& b) {
  if (a.kind != b.kind || a.scalar != b.scalar || a.quoted != b.quoted ||
      a.position.line != b.position.line || a.position.column != b.position.column ||
      a.items.size() != b.items.size() || a.entries.size() != b.entries.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const auto& left = a.entries[i];
    const auto& right = b.entries[i];
    if (left.key != right.key || left.key_position.line != right.key_position.line ||
        left.key_position.column != right.key_position.column || !same(left.value, right.value))
      return false;
  }
  return true;
}

int run(const std::filesystem::path& corpus) {
  const core::Config config = core::load_config(corpus);
  std::vector<core::Diagnostic> problems;
  std::vector<std::string> texts;
  std::vector<int> first_lines;
  std::size_t bytes = 0;
  for (const auto& path : core::list_review_files(config, problems)) {
    const core::SourceText source = core::normalise_source(core::read_file(path));
    const core::FrontMatterSplit split = core::split_front_matter(source.text);
    texts.emplace_back(split.yaml);
    first_lines.push_back(split.yaml_first_line);
    bytes += split.yaml.size();
  }
  if (texts.empty()) {
    std::fprintf(stderr, "review_bench_yaml: no reviews under %s\n", config.reviews_path().c_str());
    return 2;
  }

  // Both parsers in turn on each front matter, twice over (the second pass is
  // reported), so that neither runs with a colder cache or a fuller heap.
  double ours_ms = 0;
  double load_ms = 0;
  double libyaml_ms = 0;
  double events_ms = 0;
  std::size_t events = 0;
  std::size_t failed = 0;
  std::size_t different = 0;
  for (int pass = 0; pass < 2; ++pass) {
    ours_ms = load_ms = libyaml_ms = events_ms = 0;
    events = 0;
    failed = different = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto start = Clock::now();
      const core::YamlValue ours = core::parse_yaml(texts[i], first_lines[i]).root;
      ours_ms += elapsed_ms(start);
      start = Clock::now();
      const std::size_t nodes = YAML::Load(texts[i]).size();
      load_ms += elapsed_ms(start);
      start = Clock::now();
      {
        std::istringstream stream{std::string(texts[i])};
        YAML::Parser parser(stream);
        CountingHandler handler;
        parser.HandleNextDocument(handler);
        events += handler.events;
      }
      events_ms += elapsed_ms(start);
      start = Clock::now();
      const std::optional<core::YamlValue> theirs =
          LibyamlBuilder(texts[i], first_lines[i]).build();
      libyaml_ms += elapsed_ms(start);
      if (!theirs)
        ++failed;
      else if (!same(*theirs, ours) || nodes != ours.entries.size())
        ++different;
    }
  }

  const auto n = static_cast<double>(texts.size());
  const auto line = [&](const char* what, double ms) {
    fmt::print("{:<48} {:>8.0f} ms {:>8.1f} µs/review {:>6.1f}× libyaml\n", what, ms,
               ms * 1000.0 / n, ms / libyaml_ms);
  };
  fmt::print("{} front matters, {:.1f} MiB, {} yaml-cpp events, one thread\n", texts.size(),
             static_cast<double>(bytes) / (1024.0 * 1024.0), events);
  line("parse_yaml (yaml-cpp events + YamlValue)", ours_ms);
  line("yaml-cpp YAML::Load alone", load_ms);
  line("yaml-cpp events alone (no tree)", events_ms);
  line("libyaml events + YamlValue", libyaml_ms);
  fmt::print("libyaml trees: {} failed, {} differ from parse_yaml's\n", failed, different);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: review_bench_yaml CORPUS_DIR\n");
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "review_bench_yaml: %s\n", e.what());
    return 2;
  }
}
