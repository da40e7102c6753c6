// The text format, for people at a terminal: clang-style messages with the source
// line and a caret, aligned for CJK (double-width) characters and tabs.
#include "core/text.hpp"
#include "lint/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// The lines of one file, indexed once, so that a finding's line is a lookup rather
// than a walk from the top of the file for every finding.
class SourceLines {
public:
  explicit SourceLines(std::string_view text) : m_text(text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') m_starts.push_back(i + 1);
    }
  }

  // Line `line` (1-based) without its '\n'; empty when the file has no such line.
  std::string_view line(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return {};
    const auto index = static_cast<std::size_t>(line - 1);
    const std::size_t start = m_starts[index];
    const std::size_t end = index + 1 < m_starts.size() ? m_starts[index + 1] - 1 : m_text.size();
    return m_text.substr(start, end - start);
  }

private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

// One source line cut into cells, one per code point, with the display width of every
// prefix. Built once per line: findings come sorted, and one long line can hold tens
// of thousands of them, so an excerpt must cost the same wherever its caret sits.
class LineCells {
public:
  explicit LineCells(std::string_view line) : m_line(line), m_blank(core::trim(line).empty()) {
    m_widths.push_back(0);
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t start = i;
      const char32_t c = core::decode_utf8(line, i);
      std::size_t width = k_tab_width;
      if (c != '\t')
        width =
            core::is_terminal_control(c) ? 1 : core::display_width(line.substr(start, i - start));
      m_starts.push_back(start);
      m_widths.push_back(m_widths.back() + width);
    }
    m_starts.push_back(line.size());
  }

  std::string_view line() const { return m_line; }
  bool blank() const { return m_blank; } // nothing to show

  // The source line and the caret line under `column` (1-based, in code points). Long
  // lines are cut around the caret with "…" so the excerpt fits a terminal.
  std::pair<std::string, std::string> excerpt(int column) const {
    const std::size_t cells = m_starts.size() - 1;
    const std::size_t caret = std::min(static_cast<std::size_t>(std::max(column, 1) - 1), cells);
    std::size_t first = 0;
    std::size_t last = cells;
    if (m_widths.back() > k_max_excerpt_width) {
      // Keep the cells before the caret that fit in k_caret_lead columns, then as many
      // after them as fit in the width with room for the "…" marks. The widths only
      // grow, so both ends are binary searches.
      const std::size_t lead_from =
          m_widths[caret] > k_caret_lead ? m_widths[caret] - k_caret_lead : 0;
      const auto widths_to_caret = m_widths.begin() + static_cast<std::ptrdiff_t>(caret) + 1;
      first = static_cast<std::size_t>(
          std::lower_bound(m_widths.begin(), widths_to_caret, lead_from) - m_widths.begin());
      const std::size_t budget = m_widths[first] + k_max_excerpt_width - 1 - (first > 0 ? 1 : 0);
      last = static_cast<std::size_t>(
                 std::upper_bound(m_widths.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                                  m_widths.end(), budget) -
                 m_widths.begin()) -
             1;
    }
    std::string source = first > 0 ? "…" : "";
    for (std::size_t i = first; i < last; ++i) {
      std::size_t at = m_starts[i];
      const char32_t c = core::decode_utf8(m_line, at);
      if (c == '\t')
        source.append(k_tab_width, ' ');
      else if (core::is_terminal_control(c))
        core::append_utf8(source, U'\uFFFD');
      else
        source.append(m_line.substr(m_starts[i], m_starts[i + 1] - m_starts[i]));
    }
    if (last < cells) source += "…";
    while (!source.empty() && source.back() == ' ') source.pop_back();
    const std::size_t indent =
        (first > 0 ? 1 : 0) + m_widths[std::max(first, caret)] - m_widths[first];
    return {source, std::string(indent, ' ') + "^"};
  }

private:
  std::string_view m_line;
  bool m_blank = true;
  std::vector<std::size_t> m_starts; // byte offset of each cell, then the line's size
  std::vector<std::size_t> m_widths; // display width of cells [0, i), for i in 0..cells
};

} // namespace

std::string format_text(const LintReport& report, const FormatOptions& options) {
  const Paint paint{options.color};
  std::string out;
  const auto shown = shown_diagnostics(report, options);
  std::map<const std::string*, SourceLines> indexed;
  std::optional<LineCells> cells; // of the last line shown
  for (const core::Diagnostic* d : shown) {
    const std::string where =
        d->position.line > 0
            ? fmt::format("{}:{}:{}:", d->file, d->position.line, d->position.column)
            : fmt::format("{}:", d->file);
    // Messages and paths quote what the review says, so they are made safe for a terminal.
    out += fmt::format(
        "{} {} {} {}\n", paint("1", core::for_terminal(where)),
        paint(severity_color(d->severity), fmt::format("{}:", core::severity_name(d->severity))),
        core::for_terminal(d->message), paint("2", fmt::format("[{}]", d->rule)));
    if (auto source = report.sources.find(d->file);
        source != report.sources.end() && d->position.line > 0) {
      const SourceLines& lines = indexed.try_emplace(&source->second, source->second).first->second;
      const std::string_view line = lines.line(d->position.line);
      if (!cells || cells->line().data() != line.data() || cells->line().size() != line.size())
        cells.emplace(line);
      if (!cells->blank()) {
        auto [text, caret] = cells->excerpt(d->position.column);
        out += fmt::format("    {}\n    {}\n", text, paint("1;32", caret));
      }
    }
    if (!d->hint.empty())
      out += fmt::format("  {} {}\n", paint("36", "hint:"), core::for_terminal(d->hint));
  }
  if (options.quiet && shown.empty()) return out;
  if (!shown.empty()) out += "\n";
  out += summary_line(report, options) + "\n";
  return out;
}

} // namespace review::lint
