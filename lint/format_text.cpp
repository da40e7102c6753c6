// The text format, for people at a terminal: clang-style messages with the source
// line and a caret, aligned for CJK (double-width) characters and tabs.
#include "core/text.hpp"
#include "lint/format.hpp"

#include <fmt/format.h>

namespace review::lint {
namespace {

constexpr std::size_t k_max_excerpt_width = 100; // display columns of the source excerpt
constexpr std::size_t k_caret_lead = 60;         // columns kept before the caret in a cut line
constexpr int k_tab_width = 4;

struct Paint {
  bool enabled = false;
  std::string operator()(std::string_view codes, std::string_view text) const {
    if (!enabled) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", codes, text);
  }
};

std::string_view severity_color(core::Severity severity) {
  switch (severity) {
  case core::Severity::error:
    return "1;31";
  case core::Severity::warning:
    return "1;33";
  case core::Severity::suggestion:
    return "1;36";
  case core::Severity::off:
    break;
  }
  return "1";
}

std::string_view line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  const std::size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

struct Cell {
  std::string text;
  std::size_t width = 0;
};

// The source line and the caret line under `column` (1-based, in code points). Long
// lines are cut around the caret with "…" so the excerpt fits a terminal.
std::pair<std::string, std::string> excerpt(std::string_view line, int column) {
  std::vector<Cell> cells;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t start = i;
    const char32_t c = core::decode_utf8(line, i);
    if (c == '\t') {
      cells.push_back(Cell{std::string(k_tab_width, ' '), k_tab_width});
    } else {
      std::string text(line.substr(start, i - start));
      const std::size_t width = c < 0x20 ? 0 : core::display_width(text);
      cells.push_back(Cell{std::move(text), width});
    }
  }
  const std::size_t caret =
      std::min(static_cast<std::size_t>(std::max(column, 1) - 1), cells.size());
  const auto width_of = [&](std::size_t from, std::size_t to) {
    std::size_t width = 0;
    for (std::size_t i = from; i < to; ++i) width += cells[i].width;
    return width;
  };
  std::size_t first = 0;
  std::size_t last = cells.size();
  if (width_of(0, cells.size()) > k_max_excerpt_width) {
    first = caret;
    for (std::size_t lead = 0; first > 0 && lead + cells[first - 1].width <= k_caret_lead;)
      lead += cells[--first].width;
    std::size_t width = first > 0 ? 1 : 0;
    last = first;
    while (last < cells.size() && width + cells[last].width + 1 <= k_max_excerpt_width)
      width += cells[last++].width;
  }
  std::string source = first > 0 ? "…" : "";
  for (std::size_t i = first; i < last; ++i) source += cells[i].text;
  if (last < cells.size()) source += "…";
  while (!source.empty() && source.back() == ' ') source.pop_back();
  const std::size_t indent = (first > 0 ? 1 : 0) + width_of(first, std::max(first, caret));
  return {source, std::string(indent, ' ') + "^"};
}

} // namespace

std::string format_text(const LintReport& report, const FormatOptions& options) {
  const Paint paint{options.color};
  std::string out;
  const auto shown = shown_diagnostics(report, options);
  for (const core::Diagnostic* d : shown) {
    const std::string where =
        d->position.line > 0
            ? fmt::format("{}:{}:{}:", d->file, d->position.line, d->position.column)
            : fmt::format("{}:", d->file);
    out += fmt::format(
        "{} {} {} {}\n", paint("1", where),
        paint(severity_color(d->severity), fmt::format("{}:", core::severity_name(d->severity))),
        d->message, paint("2", fmt::format("[{}]", d->rule)));
    if (auto source = report.sources.find(d->file);
        source != report.sources.end() && d->position.line > 0) {
      const std::string_view line = line_of(source->second, d->position.line);
      if (!core::trim(line).empty()) {
        auto [text, caret] = excerpt(line, d->position.column);
        out += fmt::format("    {}\n    {}\n", text, paint("1;32", caret));
      }
    }
    if (!d->hint.empty()) out += fmt::format("  {} {}\n", paint("36", "hint:"), d->hint);
  }
  if (options.quiet && shown.empty()) return out;
  if (!shown.empty()) out += "\n";
  out += summary_line(report, options) + "\n";
  return out;
}

} // namespace review::lint
