// Plain-text tables and bar charts for the terminal: columns aligned by display
// width (CJK characters take two cells) and fitted to a width by truncating text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace review::site {

enum class Align { left, right };

struct Column {
  std::string header;
  Align align = Align::left;
  // Free text may be cut with "…" to fit the width: 0 never, otherwise a weight —
  // the column whose width is largest relative to its weight loses a cell first, so
  // a column of weight 2 keeps about twice the width of one of weight 1.
  int shrink = 0;
};

class TextTable {
public:
  explicit TextTable(std::vector<Column> columns);
  // Missing cells are blank; extra cells are ignored.
  void add_row(std::vector<std::string> cells);
  // A line of text under the last row, starting below its second column (e.g. why
  // a deal was chosen): too long for a column, too useful to cut to a few cells.
  void add_note(std::string note);
  std::size_t row_count() const { return m_rows.size(); }

  // Header, a rule, then the rows; columns two spaces apart, no trailing spaces.
  // When wider than `max_width`, shrinkable columns are cut one cell at a time (see
  // Column::shrink), down to a few cells each; a table that cannot fit is printed as
  // narrow as it gets.
  std::string render(std::size_t max_width) const;

private:
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
  std::vector<std::string> m_notes; // one per row, "" for none
};

// `text` cut to at most `width` display cells, ending in "…" when cut.
std::string truncate_to_width(std::string_view text, std::size_t width);
// `text` padded with spaces to `width` display cells (never cut).
std::string pad_to_width(std::string_view text, std::size_t width, Align align = Align::left);

// A bar of `value / max` of `width` cells in █ with ▏…▉ for the last partial cell;
// empty for 0, at least a sliver for any positive value.
std::string bar(double value, double max, std::size_t width);

} // namespace review::site
