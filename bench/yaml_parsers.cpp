// review_bench_yaml: parse_yaml (libyaml) against yaml-cpp, the parser it replaced, on
// the front matter of a corpus, on one thread. The evidence for the switch
// (docs/performance.md, 28 and 48), and a check that both read the same trees:
//   review_bench_yaml CORPUS_DIR
// Prints each parser's total and per-review time and how many of yaml-cpp's trees
// differ from parse_yaml's; the numbers are for reading, not for assertions.
#include "core/config.hpp"
#include "core/front_matter.hpp"
#include "core/fs.hpp"
#include "core/markdown.hpp"
#include "core/repo.hpp"
#include "core/yaml_value.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
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

// Whether YAML::Load's tree says what parse_yaml's does: kinds, text, quotes and
// positions, with yaml-cpp's conventions (a null is "~", "null" or nothing, plain; a
// quoted scalar has the tag "!").
// yaml-cpp's marks count bytes; `lines` turns their offset into our line and column.
bool same(const YAML::Node& node, const core::YamlValue& value, const core::LineIndex& lines) {
  const core::Position position = lines.position_of(static_cast<std::size_t>(node.Mark().pos));
  const bool located =
      value.position.line == position.line && value.position.column == position.column;
  switch (node.Type()) {
  case YAML::NodeType::Null:
    return value.is_null();
  case YAML::NodeType::Scalar:
    return located && value.is_scalar() && value.scalar == node.Scalar() &&
           value.quoted == (node.Tag() == "!");
  case YAML::NodeType::Sequence: {
    if (!located || !value.is_sequence() || value.items.size() != node.size()) return false;
    for (std::size_t i = 0; i < node.size(); ++i)
      if (!same(node[i], value.items[i], lines)) return false;
    return true;
  }
  case YAML::NodeType::Map: {
    if (!located || !value.is_map() || value.entries.size() != node.size()) return false;
    std::size_t i = 0;
    for (const auto& pair : node) {
      const core::YamlValue::Entry& entry = value.entries[i++];
      if (!pair.first.IsScalar() || entry.key != pair.first.Scalar() ||
          !same(pair.second, entry.value, lines))
        return false;
    }
    return true;
  }
  case YAML::NodeType::Undefined:
    break;
  }
  return false;
}

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

  // The parsers in turn on each front matter, twice over (the second pass is
  // reported), so that none runs with a colder cache or a fuller heap.
  double ours_ms = 0;
  double load_ms = 0;
  double events_ms = 0;
  std::size_t events = 0;
  std::size_t failed = 0;
  std::size_t different = 0;
  for (int pass = 0; pass < 2; ++pass) {
    ours_ms = load_ms = events_ms = 0;
    events = 0;
    failed = different = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto start = Clock::now();
      const core::YamlParseResult ours = core::parse_yaml(texts[i], first_lines[i]);
      ours_ms += elapsed_ms(start);
      start = Clock::now();
      YAML::Node theirs;
      bool loaded = true;
      try {
        theirs = YAML::Load(texts[i]);
      } catch (const YAML::Exception&) {
        loaded = false;
      }
      load_ms += elapsed_ms(start);
      start = Clock::now();
      {
        std::istringstream stream{std::string(texts[i])};
        YAML::Parser parser(stream);
        CountingHandler handler;
        try {
          parser.HandleNextDocument(handler);
        } catch (const YAML::Exception&) {
          // counted as failed above
        }
        events += handler.events;
      }
      events_ms += elapsed_ms(start);
      if (!ours.ok || !loaded)
        ++failed;
      else if (!same(theirs, ours.root, core::LineIndex(texts[i], first_lines[i])))
        ++different;
    }
  }

  const auto n = static_cast<double>(texts.size());
  const auto line = [&](const char* what, double ms) {
    fmt::print("{:<48} {:>8.0f} ms {:>8.1f} µs/review {:>6.1f}× parse_yaml\n", what, ms,
               ms * 1000.0 / n, ms / ours_ms);
  };
  fmt::print("{} front matters, {:.1f} MiB, {} yaml-cpp events, one thread\n", texts.size(),
             static_cast<double>(bytes) / (1024.0 * 1024.0), events);
  line("parse_yaml (libyaml events + YamlValue)", ours_ms);
  line("yaml-cpp YAML::Load alone", load_ms);
  line("yaml-cpp events alone (no tree)", events_ms);
  fmt::print("yaml-cpp's trees: {} failed in either parser, {} differ from parse_yaml's\n", failed,
             different);
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
