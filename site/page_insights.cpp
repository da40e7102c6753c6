// Insights: why we win and why we lose, who decided (in or outside the room), the
// role of price, and win rates by competitor, segment, region and quarter. Every
// chart is inline SVG with its numbers in a table beside it.
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/svg.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace review::site {
namespace {

constexpr std::size_t k_chart_rows = 12;

const std::vector<ChartSeries> k_outcome_series = {
    {"Won", "won"}, {"Lost", "lost"}, {"No decision", "no-decision"}};

std::string rate_of(int part, int whole) {
  return whole == 0 ? std::string("–") : format_percent(static_cast<double>(part) / whole);
}

std::string section_open(std::string_view id, std::string_view heading, std::string_view note) {
  return fmt::format(
      "<section class=\"panel\" aria-labelledby=\"{0}-heading\">\n<h2 id=\"{0}-heading\">{1}</h2>\n"
      "<p class=\"panel-note\">{2}</p>\n<div class=\"chart-and-table\">\n",
      id, heading, note);
}

std::string chart_figure(const BarChart& chart, std::size_t total_rows) {
  std::string html = "<figure class=\"chart-box\">" + render_bar_chart(chart);
  if (total_rows > chart.rows.size()) {
    html += fmt::format("<figcaption>The {} most frequent; the table has all {}.</figcaption>",
                        chart.rows.size(), total_rows);
  }
  return html + "</figure>\n";
}

std::string factors_section(const Insights& insights) {
  std::string html = section_open(
      "factors", "Why we win, why we lose",
      "How often each decision factor was named in won, lost and no-decision deals, and how "
      "often it was ranked first. Price is one factor among many.");
  BarChart chart;
  chart.id = "factors-chart";
  chart.title = "Decision factors by outcome";
  chart.series = {k_outcome_series[0], k_outcome_series[1]};
  chart.stacked = false;
  std::string description = "Times each factor was named in wins and in losses:";
  for (const auto& f : insights.factors) {
    if (chart.rows.size() >= k_chart_rows) break;
    chart.rows.push_back({humanize(f.factor),
                          {static_cast<double>(f.counts.won), static_cast<double>(f.counts.lost)}});
    description +=
        fmt::format(" {} {} wins, {} losses;", humanize(f.factor), f.counts.won, f.counts.lost);
  }
  if (!chart.rows.empty()) description.back() = '.';
  chart.description = description;
  if (!chart.rows.empty()) html += chart_figure(chart, insights.factors.size());
  html +=
      "<div class=\"table-scroll\"><table class=\"numbers\"><caption "
      "class=\"visually-hidden\">Decision factors by "
      "outcome</caption><thead><tr><th scope=\"col\">Factor</th><th scope=\"col\" "
      "class=\"num\">Wins</th>"
      "<th scope=\"col\" class=\"num\">Losses</th><th scope=\"col\" class=\"num\">No decision</th>"
      "<th scope=\"col\" class=\"num\">First in wins</th><th scope=\"col\" class=\"num\">First in "
      "losses</th>"
      "</tr></thead><tbody>\n";
  for (const auto& f : insights.factors) {
    html += fmt::format("<tr><th scope=\"row\"><a "
                        "href=\"../all/index.html#factor={}\">{}</a></th><td class=\"num\">{}</td>"
                        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td "
                        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                        escape_url_component(f.factor), escape_html(humanize(f.factor)),
                        f.counts.won, f.counts.lost, f.counts.no_decision, f.top.won, f.top.lost);
  }
  if (insights.factors.empty())
    html += "<tr><td colspan=\"6\">No decision factors recorded yet.</td></tr>\n";
  html += "</tbody></table></div>\n</div>\n</section>\n";
  return html;
}

std::string voices_section(const Insights& insights) {
  const OutcomeCounts& outside = insights.decision_maker_outside;
  const OutcomeCounts& totals = insights.totals;
  std::string html =
      section_open("voices", "Who decided, in and outside the room",
                   fmt::format("The decision maker or economic buyer was outside the room in {} of "
                               "{} losses ({}) and {} of {} wins "
                               "({}). Voices we never met often set the must-haves.",
                               outside.lost, totals.lost, rate_of(outside.lost, totals.lost),
                               outside.won, totals.won, rate_of(outside.won, totals.won)));
  BarChart chart;
  chart.id = "voices-chart";
  chart.title = "Deals where the decision maker was outside the room";
  chart.series = {{"Share of deals", "rate"}};
  chart.stacked = false;
  chart.percent = true;
  const auto share = [](int part, int whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / whole;
  };
  chart.rows = {{"Wins", {share(outside.won, totals.won)}},
                {"Losses", {share(outside.lost, totals.lost)}},
                {"No decision", {share(outside.no_decision, totals.no_decision)}}};
  chart.description =
      fmt::format("Decision maker outside the room: {} of wins, {} of losses, {} of no-decisions.",
                  rate_of(outside.won, totals.won), rate_of(outside.lost, totals.lost),
                  rate_of(outside.no_decision, totals.no_decision));
  html += chart_figure(chart, chart.rows.size());
  html +=
      "<div class=\"table-scroll\"><table class=\"numbers\"><caption "
      "class=\"visually-hidden\">Stakeholder roles in and "
      "outside the room, by outcome</caption><thead><tr><th scope=\"col\" rowspan=\"2\">Role</th>"
      "<th scope=\"colgroup\" colspan=\"2\">In wins</th><th scope=\"colgroup\" colspan=\"2\">In "
      "losses</th></tr>"
      "<tr><th scope=\"col\" class=\"num\">In the room</th><th scope=\"col\" "
      "class=\"num\">Outside</th>"
      "<th scope=\"col\" class=\"num\">In the room</th><th scope=\"col\" "
      "class=\"num\">Outside</th></tr></thead><tbody>\n";
  for (const auto& r : insights.roles) {
    html += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        escape_html(humanize(r.role)), r.in_room.won, r.outside.won, r.in_room.lost,
        r.outside.lost);
  }
  if (insights.roles.empty())
    html += "<tr><td colspan=\"5\">No stakeholders recorded yet.</td></tr>\n";
  html += "</tbody></table></div>\n</div>\n</section>\n";
  return html;
}

std::string price_section(const Insights& insights) {
  std::string html = section_open(
      "price", "The role of price",
      "How much price weighed, as the reviews record it, by outcome. When price is named "
      "as the deciding reason, the buyer's own words should back it.");
  BarChart chart;
  chart.id = "price-chart";
  chart.title = "Role of price by outcome";
  chart.series = k_outcome_series;
  std::string description = "Deals by role of price:";
  for (const auto& row : insights.price_roles) {
    chart.rows.push_back(
        {humanize(row.key),
         {static_cast<double>(row.counts.won), static_cast<double>(row.counts.lost),
          static_cast<double>(row.counts.no_decision)}});
    description += fmt::format(" {} {} won, {} lost, {} no decision;", humanize(row.key),
                               row.counts.won, row.counts.lost, row.counts.no_decision);
  }
  if (!chart.rows.empty()) description.back() = '.';
  chart.description = description;
  if (!chart.rows.empty()) html += chart_figure(chart, chart.rows.size());
  html += "<div class=\"table-scroll\"><table class=\"numbers\"><caption "
          "class=\"visually-hidden\">Role of price by "
          "outcome</caption><thead><tr><th scope=\"col\">Price was</th><th scope=\"col\" "
          "class=\"num\">Won</th>"
          "<th scope=\"col\" class=\"num\">Lost</th><th scope=\"col\" class=\"num\">No "
          "decision</th></tr></thead><tbody>\n";
  for (const auto& row : insights.price_roles) {
    html += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        escape_html(humanize(row.key)), row.counts.won, row.counts.lost, row.counts.no_decision);
  }
  html += "</tbody></table></div>\n</div>\n</section>\n";
  return html;
}

std::string breakdown_section(std::string_view id, std::string_view heading, std::string_view note,
                              std::string_view key_label, std::string_view filter,
                              const std::vector<Breakdown>& rows, bool humanized) {
  std::string html = section_open(id, heading, note);
  BarChart chart;
  chart.id = std::string(id) + "-chart";
  chart.title = std::string(heading);
  chart.series = k_outcome_series;
  std::string description = "Reviewed deals won, lost and without decision:";
  for (const auto& row : rows) {
    if (chart.rows.size() >= k_chart_rows) break;
    const std::string label = humanized ? humanize(row.key) : row.key;
    chart.rows.push_back(
        {fmt::format("{} ({})", label, format_percent(row.counts.win_rate())),
         {static_cast<double>(row.counts.won), static_cast<double>(row.counts.lost),
          static_cast<double>(row.counts.no_decision)}});
    description +=
        fmt::format(" {} {} won, {} lost, {} no decision, win rate {};", label, row.counts.won,
                    row.counts.lost, row.counts.no_decision, format_percent(row.counts.win_rate()));
  }
  if (!chart.rows.empty()) description.back() = '.';
  chart.description = description;
  if (!chart.rows.empty()) html += chart_figure(chart, rows.size());
  html += fmt::format(
      "<div class=\"table-scroll\"><table class=\"numbers\"><caption "
      "class=\"visually-hidden\">{}</caption>"
      "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Deals</th>"
      "<th scope=\"col\" class=\"num\">Won</th><th scope=\"col\" class=\"num\">Lost</th>"
      "<th scope=\"col\" class=\"num\">No decision</th><th scope=\"col\" class=\"num\">Win "
      "rate</th>"
      "</tr></thead><tbody>\n",
      heading, key_label);
  for (const auto& row : rows) {
    html += fmt::format(
        "<tr><th scope=\"row\"><a href=\"../all/index.html#{}={}\">{}</a></th><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        filter, escape_url_component(row.key), escape_html(humanized ? humanize(row.key) : row.key),
        row.counts.total(), row.counts.won, row.counts.lost, row.counts.no_decision,
        format_percent(row.counts.win_rate()));
  }
  if (rows.empty()) html += "<tr><td colspan=\"6\">Nothing recorded yet.</td></tr>\n";
  html += "</tbody></table></div>\n</div>\n</section>\n";
  return html;
}

std::string headline_cards(const Insights& insights) {
  const FactorCounts* top_win = nullptr;
  const FactorCounts* top_loss = nullptr;
  for (const auto& f : insights.factors) {
    if (f.counts.won > 0 && (top_win == nullptr || f.counts.won > top_win->counts.won))
      top_win = &f;
    if (f.counts.lost > 0 && (top_loss == nullptr || f.counts.lost > top_loss->counts.lost))
      top_loss = &f;
  }
  const OutcomeCounts& totals = insights.totals;
  const OutcomeCounts& outside = insights.decision_maker_outside;
  int price_deciding_losses = 0;
  for (const auto& row : insights.price_roles) {
    if (row.key == "deciding") price_deciding_losses = row.counts.lost;
  }
  std::string html = "<section class=\"cards\" aria-label=\"Headlines\">\n";
  html += fmt::format(
      "<div class=\"card won\"><p class=\"card-label\">Most named in wins</p><p class=\"card-value "
      "small\">{}</p><p class=\"card-note\">{}</p></div>\n",
      top_win ? escape_html(humanize(top_win->factor)) : "–",
      top_win ? fmt::format("in {} of {} wins", top_win->counts.won, totals.won) : "no wins yet");
  html +=
      fmt::format("<div class=\"card lost\"><p class=\"card-label\">Most named in losses</p><p "
                  "class=\"card-value "
                  "small\">{}</p><p class=\"card-note\">{}</p></div>\n",
                  top_loss ? escape_html(humanize(top_loss->factor)) : "–",
                  top_loss ? fmt::format("in {} of {} losses", top_loss->counts.lost, totals.lost)
                           : "no losses yet");
  html += fmt::format(
      "<div class=\"card\"><p class=\"card-label\">Decision maker outside the room</p><p "
      "class=\"card-value\">{}</p><p class=\"card-note\">of losses, against {} of wins</p></div>\n",
      rate_of(outside.lost, totals.lost), rate_of(outside.won, totals.won));
  html += fmt::format("<div class=\"card\"><p class=\"card-label\">Price decided the loss</p><p "
                      "class=\"card-value\">{}</p>"
                      "<p class=\"card-note\">of {}</p></div>\n",
                      price_deciding_losses, plural(totals.lost, "loss", "losses"));
  html += "</section>\n";
  return html;
}

} // namespace

void write_insights(const SiteModel& model, SiteOutput& out) {
  const Insights& insights = model.insights;
  std::string main = "<div class=\"page-head\">\n<h1>Insights</h1>\n<p class=\"lede\">What the "
                     "reviews say together: "
                     "the factors behind wins and losses, the voices that decided, the role of "
                     "price, and how we fare "
                     "by competitor, segment, region and quarter.</p>\n</div>\n";
  main += headline_cards(insights);
  main += factors_section(insights);
  main += voices_section(insights);
  main += price_section(insights);
  main += breakdown_section(
      "competitors", "Win rate by competitor",
      "Every competitor named in a review (including whom we lost to), most deals first.",
      "Competitor", "competitor", insights.by_competitor, false);
  main +=
      breakdown_section("segments", "Win rate by segment", "Reviewed deals by customer segment.",
                        "Segment", "segment", insights.by_segment, true);
  main += breakdown_section("regions", "Win rate by region", "Reviewed deals by region.", "Region",
                            "region", insights.by_region, false);
  std::vector<Breakdown> quarters(insights.by_quarter.rbegin(), insights.by_quarter.rend());
  main += breakdown_section("quarters", "Win rate by quarter",
                            "Reviewed deals by fiscal quarter, latest first.", "Quarter", "quarter",
                            quarters, false);
  PageSpec spec;
  spec.path = "insights/index.html";
  spec.title = "Insights";
  spec.nav = "insights";
  spec.description = "Why we win and why we lose: decision factors, voices, price and win rates.";
  out.write(spec.path, render_page(model, spec, main));
}

} // namespace review::site
