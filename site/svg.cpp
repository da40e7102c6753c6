#include "site/svg.hpp"

#include "core/text.hpp"
#include "site/format.hpp"
#include "site/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace review::site {
namespace {

constexpr double k_bar_width = 380; // the longest bar, plus room for its value
constexpr double k_value_room = 48;
constexpr double k_legend_height = 28;
constexpr double k_char_width =
    7.8; // a Latin character or digit at the chart's 13px, with room to spare

std::string value_text(double value, bool percent) {
  if (percent) return format_percent(value);
  return format_amount(std::round(value));
}

// Chart labels are cut to fit the label column; the full text stays in a <title>.
std::string short_label(const std::string& label) {
  constexpr std::size_t k_max = 24;
  if (core::count_code_points(label) <= k_max) return label;
  std::size_t offset = 0;
  for (std::size_t n = 0; n < k_max - 1; ++n) core::decode_utf8(label, offset);
  return label.substr(0, offset) + "…";
}

std::string number(double value) {
  return fmt::format("{:.1f}", value);
}

} // namespace

std::string render_bar_chart(const BarChart& chart) {
  const std::size_t series_count = chart.series.size();
  // The label column fits the longest (shortened) label, so short labels leave room for the bars.
  std::size_t longest = 4;
  for (const auto& row : chart.rows)
    longest = std::max(longest, core::display_width(short_label(row.label)));
  const double label_width =
      std::clamp(static_cast<double>(longest) * k_char_width + 6, 56.0, 196.0);
  const double bar_left = label_width + 10;
  const double width = bar_left + k_bar_width + k_value_room;
  const double bar_height = chart.stacked ? 18 : 12;
  const double row_height =
      chart.stacked ? 28 : bar_height * static_cast<double>(series_count) + 12;
  const double height = k_legend_height + row_height * static_cast<double>(chart.rows.size()) + 8;

  double max_value = chart.percent ? 1.0 : 0.0;
  for (const auto& row : chart.rows) {
    double sum = 0;
    for (double v : row.values) {
      sum += v;
      if (!chart.stacked) max_value = std::max(max_value, v);
    }
    if (chart.stacked) max_value = std::max(max_value, sum);
  }
  if (max_value <= 0) max_value = 1;
  const double scale = k_bar_width / max_value;

  std::string svg;
  svg += fmt::format("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
                     "aria-labelledby=\"{}-title {}-desc\">\n",
                     number(width), number(height), chart.id, chart.id);
  svg += fmt::format("<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n",
                     chart.id, escape_html(chart.title), chart.id, escape_html(chart.description));

  double legend_x = bar_left;
  for (const auto& series : chart.series) {
    svg += fmt::format(
        "<rect class=\"bar {}\" x=\"{}\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\"/>"
        "<text class=\"legend\" x=\"{}\" y=\"16\">{}</text>\n",
        series.css_class, number(legend_x), number(legend_x + 17), escape_html(series.name));
    legend_x += 30 + k_char_width * static_cast<double>(core::display_width(series.name));
  }

  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    const auto& row = chart.rows[r];
    const double top = k_legend_height + row_height * static_cast<double>(r);
    svg += fmt::format("<g><title>{}</title>\n", escape_html(row.label));
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                       number(label_width), number(top + row_height / 2 + 4),
                       escape_html(short_label(row.label)));
    double x = bar_left;
    double sum = 0;
    for (std::size_t s = 0; s < series_count && s < row.values.size(); ++s) {
      const double value = row.values[s];
      const double w = value * scale;
      if (chart.stacked) {
        if (w > 0) {
          svg += fmt::format(
              "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
              chart.series[s].css_class, number(x), number(top + (row_height - bar_height) / 2),
              number(w), number(bar_height));
          if (w >= 22) {
            svg += fmt::format(
                "<text class=\"in-bar {}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                chart.series[s].css_class, number(x + w / 2), number(top + row_height / 2 + 4),
                value_text(value, chart.percent));
          }
        }
        x += w;
        sum += value;
      } else {
        const double y = top + 6 + bar_height * static_cast<double>(s);
        svg +=
            fmt::format("<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                        chart.series[s].css_class, number(bar_left), number(y),
                        number(std::max(w, 1.0)), number(bar_height - 2));
        svg += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n",
                           number(bar_left + w + 5), number(y + bar_height - 3),
                           value_text(value, chart.percent));
      }
    }
    if (chart.stacked) {
      svg += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n", number(x + 6),
                         number(top + row_height / 2 + 4), value_text(sum, chart.percent));
    }
    svg += "</g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

} // namespace review::site
