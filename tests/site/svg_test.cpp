// Inline SVG charts: accessible names, escaped labels, bars in proportion.
#include "site/svg.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace review::site;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

} // namespace

TEST_CASE("svg") {
  BarChart chart;
  chart.id = "c1";
  chart.title = "Win rate <by> quarter";
  chart.description = "2026Q1 50% & more";
  chart.series = {{"Won", "won"}, {"Lost", "lost"}};
  chart.rows = {{"<script>alert(1)</script>", {3, 1}}, {"B", {0, 2}}};

  SUBCASE("the chart has an accessible name and description") {
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.find("role=\"img\" aria-labelledby=\"c1-title c1-desc\"") != std::string::npos);
    CHECK(svg.find("<title id=\"c1-title\">Win rate &lt;by&gt; quarter</title>") !=
          std::string::npos);
    CHECK(svg.find("<desc id=\"c1-desc\">2026Q1 50% &amp; more</desc>") != std::string::npos);
  }

  SUBCASE("labels are escaped") {
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;") != std::string::npos);
  }

  SUBCASE("stacked bars draw one rect per non-zero value plus the legend") {
    const std::string svg = render_bar_chart(chart);
    CHECK(count(svg, "<rect class=\"bar won\"") == 2);  // legend + row A
    CHECK(count(svg, "<rect class=\"bar lost\"") == 3); // legend + rows A and B
  }

  SUBCASE("grouped percentages write the value beside each bar") {
    chart.stacked = false;
    chart.percent = true;
    chart.rows = {{"2026Q1", {0.5, 0.25}}};
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.find(">50%</text>") != std::string::npos);
    CHECK(svg.find(">25%</text>") != std::string::npos);
  }
}
