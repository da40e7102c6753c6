// Inline SVG bar charts for the insights and home pages: no scripts, no external
// files, a <title> and <desc> for screen readers; the numbers also go in a table.
#pragma once

#include <string>
#include <vector>

namespace review::site {

struct ChartSeries {
  std::string name; // legend text: "Won"
  std::string
      css_class; // fill colour from the stylesheet: "won", "lost", "no-decision", "rate", "amount"
};

struct ChartRow {
  std::string label;
  std::vector<double> values; // one per series
};

struct BarChart {
  std::string id; // unique on the page; prefixes the ids of <title> and <desc>
  std::string title;
  std::string description; // what the chart shows, in a sentence
  std::vector<ChartSeries> series;
  std::vector<ChartRow> rows;
  bool stacked = true;  // series side by side in one bar, or one bar each
  bool percent = false; // values are rates in [0, 1], drawn against 100%
};

// Horizontal bars, one row per label, with the value written at the end of each bar.
std::string render_bar_chart(const BarChart& chart);

} // namespace review::site
