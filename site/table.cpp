#include "site/table.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace review::site {
namespace {

constexpr std::size_t k_gap = 2;        // spaces between columns
constexpr std::size_t k_min_shrunk = 6; // a cut column keeps at least this many cells

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Cells must stay on one line: newlines and tabs become spaces.
// Cells quote reviews, so control characters are shown, not sent to the terminal.
std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return core::for_terminal(text);
}

} // namespace

TextTable::TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(m_columns.size());
  for (auto& cell : cells) cell = one_line(std::move(cell));
  m_rows.push_back(std::move(cells));
  m_notes.emplace_back();
}

void TextTable::add_note(std::string note) {
  if (!m_notes.empty()) m_notes.back() = one_line(std::move(note));
}

std::string TextTable::render(std::size_t max_width) const {
  const std::size_t count = m_columns.size();
  std::vector<std::size_t> widths(count, 0);
  for (std::size_t c = 0; c < count; ++c) {
    widths[c] = core::display_width(m_columns[c].header);
    for (const auto& row : m_rows) widths[c] = std::max(widths[c], core::display_width(row[c]));
  }
  const auto total = [&] {
    return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) +
           (count > 0 ? (count - 1) * k_gap : 0);
  };
  // One cell at a time from the column widest for its weight, so that long text
  // columns share the cut instead of one of them vanishing.
  const auto weight = [&](std::size_t c) { return static_cast<std::size_t>(m_columns[c].shrink); };
  while (total() > max_width) {
    std::size_t chosen = count;
    for (std::size_t c = 0; c < count; ++c) {
      if (m_columns[c].shrink <= 0 || widths[c] <= k_min_shrunk) continue;
      if (chosen == count || widths[c] * weight(chosen) > widths[chosen] * weight(c)) chosen = c;
    }
    if (chosen == count) break;
    --widths[chosen];
  }

  std::string out;
  const auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < count; ++c) {
      if (c > 0) line.append(k_gap, ' ');
      line += pad_to_width(truncate_to_width(cells[c], widths[c]), widths[c], m_columns[c].align);
    }
    out += trim_right(line);
    out += '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : m_columns) headers.push_back(column.header);
  emit(headers);
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < count; ++c) {
    std::string rule;
    for (std::size_t i = 0; i < widths[c]; ++i) rule += "─";
    rules.push_back(rule);
  }
  emit(rules);
  const std::size_t indent = count > 1 ? widths[0] + k_gap : 0;
  for (std::size_t r = 0; r < m_rows.size(); ++r) {
    emit(m_rows[r]);
    if (m_notes[r].empty()) continue;
    out += std::string(indent, ' ');
    out += truncate_to_width(m_notes[r],
                             max_width > indent + k_min_shrunk ? max_width - indent : k_min_shrunk);
    out += '\n';
  }
  return out;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (core::display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    const std::size_t start = offset;
    core::decode_utf8(text, offset);
    const std::string_view glyph = text.substr(start, offset - start);
    const std::size_t cells = core::display_width(glyph);
    if (used + cells + 1 > width) break; // keep one cell for the ellipsis
    out += glyph;
    used += cells;
  }
  return out + "…";
}

std::string pad_to_width(std::string_view text, std::size_t width, Align align) {
  const std::size_t used = core::display_width(text);
  if (used >= width) return std::string(text);
  const std::string padding(width - used, ' ');
  return align == Align::left ? std::string(text) + padding : padding + std::string(text);
}

std::string bar(double value, double max, std::size_t width) {
  if (value <= 0 || max <= 0 || width == 0) return {};
  static constexpr std::array<std::string_view, 8> k_partial = {"",  "▏", "▎", "▍",
                                                                "▌", "▋", "▊", "▉"};
  const double eighths = std::min(value / max, 1.0) * static_cast<double>(width) * 8.0;
  auto filled = static_cast<std::size_t>(std::llround(eighths));
  if (filled == 0) filled = 1; // a positive value is never invisible
  std::string out;
  for (std::size_t i = 0; i < filled / 8; ++i) out += "█";
  out += k_partial[filled % 8];
  return out;
}

} // namespace review::site
