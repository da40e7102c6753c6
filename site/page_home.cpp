// The home page: the key numbers as cards, win rate by quarter (chart and table),
// the latest reviews, open actions by team, and a way into every other page.
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace review::site {
namespace {

constexpr std::size_t k_latest = 8;
constexpr std::size_t k_chart_quarters = 8;
constexpr std::size_t k_overdue_listed = 4;

std::string card(std::string_view label, const std::string& value, const std::string& note,
                 std::string_view tone = "") {
  return fmt::format(
      "<div class=\"card{}{}\"><p class=\"card-label\">{}</p><p class=\"card-value\">{}</p>"
      "<p class=\"card-note\">{}</p></div>\n",
      tone.empty() ? "" : " ", tone, label, value, note);
}

std::string money(const SiteModel& model, double amount) {
  return escape_html(model.currency.empty() ? format_compact(amount)
                                            : model.currency + " " + format_compact(amount));
}

std::string quarter_section(const SiteModel& model) {
  const auto& quarters = model.insights.by_quarter;
  if (quarters.empty()) return {};
  std::string html = "<section class=\"panel\" aria-labelledby=\"quarters-heading\">\n"
                     "<h2 id=\"quarters-heading\">Win rate by fiscal quarter</h2>\n"
                     "<p class=\"panel-note\">Share of reviewed deals won, by count and by amount. "
                     "A no-decision counts "
                     "as a deal not won.</p>\n<div class=\"chart-and-table\">\n";
  BarChart chart;
  chart.id = "quarter-rates";
  chart.title = "Win rate by fiscal quarter";
  chart.series = {{"By count", "rate"}, {"By amount", "amount"}};
  chart.stacked = false;
  chart.percent = true;
  const std::size_t first =
      quarters.size() > k_chart_quarters ? quarters.size() - k_chart_quarters : 0;
  std::string description = "Win rate by count and by amount for each quarter, latest first:";
  for (std::size_t i = quarters.size(); i-- > first;) {
    const auto& row = quarters[i];
    chart.rows.push_back({row.key, {row.counts.win_rate(), row.counts.amount_win_rate()}});
    description += fmt::format(" {} {} by count, {} by amount;", row.key,
                               format_percent(row.counts.win_rate()),
                               format_percent(row.counts.amount_win_rate()));
  }
  description.back() = '.';
  chart.description = description;
  html += "<figure class=\"chart-box\">" + render_bar_chart(chart);
  if (first > 0)
    html += fmt::format("<figcaption>The last {} quarters; the table has them all.</figcaption>",
                        k_chart_quarters);
  html += "</figure>\n";
  html +=
      "<div class=\"table-scroll\"><table class=\"numbers\"><caption "
      "class=\"visually-hidden\">Reviews and win rate by "
      "fiscal quarter</caption><thead><tr><th scope=\"col\">Quarter</th><th scope=\"col\" "
      "class=\"num\">Won</th>"
      "<th scope=\"col\" class=\"num\">Lost</th><th scope=\"col\" class=\"num\">No decision</th>"
      "<th scope=\"col\" class=\"num\">Win rate</th><th scope=\"col\" class=\"num\">By "
      "amount</th></tr></thead><tbody>\n";
  for (auto it = quarters.rbegin(); it != quarters.rend(); ++it) {
    const auto& c = it->counts;
    html +=
        fmt::format("<tr><th scope=\"row\"><a href=\"all/index.html#quarter={}\">{}</a></th><td "
                    "class=\"num\">{}</td>"
                    "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                    "<td class=\"num\">{}</td></tr>\n",
                    escape_html(it->key), escape_html(it->key), c.won, c.lost, c.no_decision,
                    format_percent(c.win_rate()), format_percent(c.amount_win_rate()));
  }
  html += "</tbody></table></div>\n</div>\n</section>\n";
  return html;
}

std::string latest_section(const SiteModel& model) {
  std::string html = "<section class=\"panel\" aria-labelledby=\"latest-heading\">\n"
                     "<h2 id=\"latest-heading\">Latest reviews</h2>\n";
  if (model.reviews.empty()) {
    html += "<p class=\"empty\">No reviews yet. Write the first with <code>review "
            "new</code>.</p>\n</section>\n";
    return html;
  }
  html += "<ul class=\"review-list\">\n";
  for (std::size_t i = 0; i < model.reviews.size() && i < k_latest; ++i) {
    const core::Review& review = *model.reviews[i];
    std::string meta = format_date(*review.close_date);
    if (review.account_executive && !review.account_executive->empty())
      meta += " · " + *review.account_executive;
    if (const std::string competition = competition_text(review); !competition.empty())
      meta += " · " + competition;
    html +=
        fmt::format("<li>{}<div><a href=\"{}\">{}</a><span class=\"sub\">{}</span></div></li>\n",
                    outcome_badge(review), review_href(review), escape_html(display_title(review)),
                    escape_html(meta));
  }
  html += "</ul>\n<p class=\"more\"><a href=\"all/index.html\">All reviews and search "
          "&rarr;</a></p>\n</section>\n";
  return html;
}

std::string actions_section(const SiteModel& model) {
  std::string html = "<section class=\"panel\" aria-labelledby=\"team-actions-heading\">\n"
                     "<h2 id=\"team-actions-heading\">Open actions by team</h2>\n";
  if (model.actions.empty()) {
    html += "<p class=\"empty\">No actions yet: each review's last section hands them to other "
            "teams.</p>\n</section>\n";
    return html;
  }
  html += "<table class=\"numbers\"><thead><tr><th scope=\"col\">Team</th><th scope=\"col\" "
          "class=\"num\">Open</th>"
          "<th scope=\"col\" class=\"num\">Overdue</th><th scope=\"col\" "
          "class=\"num\">Done</th></tr></thead><tbody>\n";
  for (const auto& team : model.teams) {
    int open = 0;
    int overdue = 0;
    int done = 0;
    for (const auto& entry : model.actions) {
      if (entry.action->team != team) continue;
      if (entry.action->status == core::ActionStatus::open) ++open;
      if (entry.overdue) ++overdue;
      if (entry.action->status == core::ActionStatus::done) ++done;
    }
    if (open + done == 0) continue;
    html += fmt::format(
        "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        escape_url_path(team_path(model.team_slugs.at(team), 1)),
        escape_html(team.empty() ? "Unassigned" : humanize(team)), open,
        overdue > 0 ? fmt::format("<span class=\"status overdue\">{}</span>", overdue) : "0", done);
  }
  html += "</tbody></table>\n";
  std::string overdue_list;
  int listed = 0;
  for (const auto& entry : model.actions) {
    if (!entry.overdue || listed >= static_cast<int>(k_overdue_listed)) continue;
    ++listed;
    const core::Action& action = *entry.action;
    std::string meta =
        entry.action->team.empty() ? std::string("Unassigned") : humanize(action.team);
    if (!action.owner.empty()) meta += " · " + action.owner;
    if (action.due) meta += " · due " + format_date(*action.due);
    overdue_list +=
        fmt::format("<li>{}<div><a href=\"{}\">{}</a><span class=\"sub\">{}</span></div></li>\n",
                    action_status_badge(action, true), review_href(*entry.review),
                    escape_html(action.text.empty() ? action.raw : action.text), escape_html(meta));
  }
  if (!overdue_list.empty()) {
    html +=
        "<h3 class=\"subheading\">Longest overdue</h3>\n<ul class=\"review-list overdue-list\">\n" +
        overdue_list + "</ul>\n";
  }
  html += "<p class=\"more\"><a href=\"actions/index.html\">The action board "
          "&rarr;</a></p>\n</section>\n";
  return html;
}

} // namespace

void write_home(const SiteModel& model, SiteOutput& out) {
  const OutcomeCounts& totals = model.insights.totals;
  std::string main;
  main += "<div class=\"page-head\">\n";
  main += fmt::format("<h1>{}</h1>\n", escape_html(model.title));
  if (model.reviews.empty()) {
    main += "<p class=\"lede\">No reviews on the site yet.</p>\n";
  } else {
    main += fmt::format("<p class=\"lede\">{} of won, lost and no-decision deals, closed {} to {}. "
                        "What customers valued, "
                        "who decided, and what each team will do next.</p>\n",
                        plural(totals.total(), "review", "reviews"),
                        format_date(*model.reviews.back()->close_date),
                        format_date(*model.reviews.front()->close_date));
  }
  main += "</div>\n<section class=\"cards\" aria-label=\"Key numbers\">\n";
  main += card("Reviews", std::to_string(totals.total()),
               fmt::format("{} won · {} lost · {} no decision", totals.won, totals.lost,
                           totals.no_decision));
  main += card("Win rate by count", format_percent(totals.win_rate()), "won of all reviewed deals",
               "won");
  // Amounts are summed as written; say so when the reviews use several currencies.
  main += card(
      "Win rate by amount", format_percent(totals.amount_win_rate()),
      fmt::format("{} won of {}{}", money(model, totals.amount_won),
                  money(model, totals.amount_total()),
                  model.currency.empty() && totals.amount_total() > 0 ? ", currencies mixed" : ""),
      "won");
  int open = 0;
  int overdue = 0;
  std::set<std::string> teams_with_open;
  for (const auto& entry : model.actions) {
    if (entry.action->status != core::ActionStatus::open) continue;
    ++open;
    teams_with_open.insert(entry.action->team);
    if (entry.overdue) ++overdue;
  }
  main += card("Open actions", std::to_string(open),
               fmt::format("{} overdue, across {}", overdue,
                           plural(static_cast<long>(teams_with_open.size()), "team", "teams")),
               overdue > 0 ? "attention" : "");
  main += "</section>\n";
  main += quarter_section(model);
  main +=
      "<div class=\"two-columns\">\n" + latest_section(model) + actions_section(model) + "</div>\n";
  main += "<section class=\"explore\" aria-labelledby=\"explore-heading\">\n<h2 "
          "id=\"explore-heading\">Explore</h2>\n"
          "<ul class=\"link-cards\">\n"
          "<li><a href=\"wins/index.html\">Wins</a><p>What customers valued and what to "
          "repeat.</p></li>\n"
          "<li><a href=\"losses/index.html\">Losses</a><p>Why customers chose otherwise, in their "
          "own words.</p></li>\n"
          "<li><a href=\"no-decision/index.html\">No decision</a><p>Deals the status quo "
          "won.</p></li>\n"
          "<li><a href=\"actions/index.html\">Actions</a><p>What product, marketing, finance, "
          "enablement and sales "
          "will do.</p></li>\n"
          "<li><a href=\"insights/index.html\">Insights</a><p>Why we win and lose: factors, "
          "voices, price, "
          "competitors.</p></li>\n"
          "<li><a href=\"coverage/index.html\">Coverage</a><p>Reviews per account executive and "
          "quarter, and the "
          "gaps.</p></li>\n"
          "</ul>\n</section>\n";
  PageSpec spec;
  spec.path = "index.html";
  spec.nav = "home";
  spec.description =
      "Win/loss reviews: wins, losses, the reasons behind them and the actions for every team.";
  out.write(spec.path, render_page(model, spec, main));
}

} // namespace review::site
