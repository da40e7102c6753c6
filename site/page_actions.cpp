// The cross-team action board: every action from every review, grouped by team,
// overdue and open first; one page per team (paginated) with all of its actions.
#include "core/byte_codec.hpp"
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace review::site {
namespace {

constexpr std::size_t k_board_rows = 8;

std::string actions_table(std::span<const ActionEntry* const> entries, const std::string& root) {
  std::string html =
      "<div class=\"table-scroll\"><table class=\"actions-table\"><thead><tr>"
      "<th scope=\"col\">Status</th><th scope=\"col\">Action</th><th scope=\"col\">Owner</th>"
      "<th scope=\"col\">Due</th><th scope=\"col\">From the review</th></tr></thead><tbody>\n";
  for (const ActionEntry* entry : entries) {
    const core::Action& action = *entry->action;
    const core::Review& review = *entry->review;
    html += fmt::format(
        "<tr class=\"{}\"><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td "
        "class=\"nowrap\">{}</td>"
        "<td><a href=\"{}{}\">{}</a><span class=\"sub\">{}</span></td></tr>\n",
        action.status == core::ActionStatus::dropped ? "dropped" : "",
        action_status_badge(action, entry->overdue),
        escape_html(action.text.empty() ? action.raw : action.text), escape_html(action.owner),
        escape_html(action.due ? format_date(*action.due) : action.due_text), root,
        review_href(review), escape_html(review.account ? *review.account : display_title(review)),
        escape_html(std::string(outcome_label(*review.outcome)) +
                    (review.quarter ? " · " + review.quarter->to_string() : "")));
  }
  html += "</tbody></table></div>\n";
  return html;
}

struct TeamCounts {
  int open = 0;
  int overdue = 0;
  int done = 0;
  int dropped = 0;
};

TeamCounts count(const std::vector<const ActionEntry*>& entries) {
  TeamCounts c;
  for (const ActionEntry* entry : entries) {
    switch (entry->action->status) {
    case core::ActionStatus::open:
      ++c.open;
      break;
    case core::ActionStatus::done:
      ++c.done;
      break;
    case core::ActionStatus::dropped:
      ++c.dropped;
      break;
    }
    if (entry->overdue) ++c.overdue;
  }
  return c;
}

std::string counts_line(const TeamCounts& c) {
  return fmt::format("{} open, {} overdue, {} done{}", c.open, c.overdue, c.done,
                     c.dropped > 0 ? fmt::format(", {} dropped", c.dropped) : "");
}

std::string team_name(const std::string& team) {
  return team.empty() ? "Unassigned" : humanize(team);
}

// What a team's page is made from besides the site's inputs: its path, the team and
// its counts, its place among the pages, and for each action shown its review's path
// and text, which action of the review it is, and whether it is overdue.
PageDigest team_page_digest(const SiteModel& model, std::string_view site_inputs,
                            const std::string& path, const std::string& team,
                            std::string_view counts, std::size_t page, std::size_t pages,
                            std::span<const ActionEntry* const> entries) {
  std::string bytes(site_inputs);
  core::ByteWriter writer(bytes);
  writer.put_text(path);
  writer.put_text(team);
  writer.put_text(counts);
  writer.put(static_cast<std::uint64_t>(page));
  writer.put(static_cast<std::uint64_t>(pages));
  for (const ActionEntry* entry : entries) {
    const PageDigest& text = model.sources[entry->review_index].text;
    writer.put_text(entry->review->path);
    writer.put(text.low);
    writer.put(text.high);
    writer.put(static_cast<std::uint64_t>(entry->action - entry->review->body.actions.data()));
    writer.put(static_cast<std::uint8_t>(entry->overdue));
  }
  return digest_of(bytes);
}

} // namespace

void write_actions(const SiteModel& model, SiteOutput& out, const PageCache& previous_build,
                   PageDigests& made) {
  std::map<std::string, std::vector<const ActionEntry*>> by_team;
  for (const auto& entry : model.actions) by_team[entry.action->team].push_back(&entry);

  std::string main = "<div class=\"page-head\">\n<h1>Action board</h1>\n"
                     "<p class=\"lede\">What each team will do because of what customers told us. "
                     "Every action comes "
                     "from a review; overdue and open actions come first.</p>\n</div>\n";
  std::vector<const ActionEntry*> all;
  for (const auto& entry : model.actions) all.push_back(&entry);
  const TeamCounts totals = count(all);
  main += "<section class=\"cards\" aria-label=\"Action totals\">\n";
  main += fmt::format(
      "<div class=\"card\"><p class=\"card-label\">Open</p><p class=\"card-value\">{}</p><p "
      "class=\"card-note\">across {}</p></div>\n",
      totals.open, plural(static_cast<long>(by_team.size()), "team", "teams"));
  main += fmt::format(
      "<div class=\"card{}\"><p class=\"card-label\">Overdue</p><p class=\"card-value\">{}</p><p "
      "class=\"card-note\">past due on {}</p></div>\n",
      totals.overdue > 0 ? " attention" : "", totals.overdue, format_date(model.today));
  main += fmt::format(
      "<div class=\"card won\"><p class=\"card-label\">Done</p><p class=\"card-value\">{}</p><p "
      "class=\"card-note\">{} dropped</p></div>\n</section>\n",
      totals.done, totals.dropped);
  if (model.actions.empty()) {
    main +=
        "<p class=\"empty\">No actions yet. Each review's last section lists them as tasks, such "
        "as "
        "<code>- [ ] product: Ship audit export (owner: Priya Nair; due: 2026-10-15)</code>.</p>\n";
  }
  main += "<nav class=\"team-index\" aria-label=\"Teams\"><ul>\n";
  for (const auto& team : model.teams) {
    if (!by_team.contains(team)) continue;
    main += fmt::format("<li><a href=\"{}\">{} <span class=\"count\">{}<span "
                        "class=\"visually-hidden\"> open</span></span></a></li>\n",
                        escape_url_path(model.team_slugs.at(team)) + ".html",
                        escape_html(team_name(team)), count(by_team[team]).open);
  }
  main += "</ul></nav>\n";
  for (const auto& team : model.teams) {
    const auto it = by_team.find(team);
    if (it == by_team.end()) continue;
    const auto& entries = it->second;
    const TeamCounts c = count(entries);
    const std::string slug = model.team_slugs.at(team);
    main += fmt::format("<section class=\"panel team\" aria-labelledby=\"team-{0}\">\n<div "
                        "class=\"panel-head\"><h2 "
                        "id=\"team-{0}\">{1}</h2><p class=\"panel-note\">{2}</p></div>\n",
                        escape_html(slug), escape_html(team_name(team)), counts_line(c));
    std::vector<const ActionEntry*> shown;
    for (const ActionEntry* entry : entries) {
      if (shown.size() >= k_board_rows) break;
      if (entry->action->status == core::ActionStatus::open) shown.push_back(entry);
    }
    if (shown.empty())
      main += "<p class=\"empty\">Nothing open: every action of this team is done.</p>\n";
    else
      main += actions_table(shown, "../");
    main += fmt::format(
        "<p class=\"more\"><a href=\"{}.html\">All {} of {} &rarr;</a></p>\n</section>\n",
        escape_url_path(slug), plural(static_cast<long>(entries.size()), "action", "actions"),
        escape_html(team_name(team)));
  }
  const std::string site_inputs = page_site_inputs(model);
  PageSpec spec;
  spec.path = "actions/index.html";
  spec.title = "Action board";
  spec.nav = "actions";
  spec.description = "Every action from every win/loss review, by team, overdue first.";
  out.write(spec.path, render_page(model, spec, main));

  for (const auto& team : model.teams) {
    const auto it = by_team.find(team);
    if (it == by_team.end()) continue;
    const auto& entries = it->second;
    const std::string slug = model.team_slugs.at(team);
    const std::size_t pages =
        std::max<std::size_t>(1, (entries.size() + k_actions_page_size - 1) / k_actions_page_size);
    // Counted once: per page, it made a team's pages cost pages × actions.
    const std::string team_counts = counts_line(count(entries));
    for (std::size_t page = 1; page <= pages; ++page) {
      const std::size_t first = (page - 1) * k_actions_page_size;
      const std::size_t last = std::min(entries.size(), first + k_actions_page_size);
      const std::span<const ActionEntry* const> slice(entries.data() + first, last - first);
      std::string path = team_path(slug, static_cast<int>(page));
      const PageDigest digest =
          team_page_digest(model, site_inputs, path, team, team_counts, page, pages, slice);
      if (link_unchanged(out, previous_build, path, digest)) {
        made.emplace_back(std::move(path), digest);
        continue;
      }
      std::string team_main = "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\"><a "
                              "href=\"index.html\">Action board</a>"
                              "<span aria-hidden=\"true\"> / </span><span>" +
                              escape_html(team_name(team)) + "</span></nav>\n";
      team_main += fmt::format(
          "<div class=\"page-head\">\n<h1>{}: actions</h1>\n<p class=\"lede\">{}. Overdue first, "
          "then open, done and dropped.</p>\n</div>\n",
          escape_html(team_name(team)), team_counts);
      team_main += "<section class=\"panel\">\n" + actions_table(slice, "../");
      team_main += pagination(static_cast<int>(page), static_cast<int>(pages), [&](int n) {
        return escape_url_path(team_path(slug, n).substr(std::string_view("actions/").size()));
      });
      team_main += "</section>\n";
      PageSpec team_spec;
      team_spec.path = path;
      team_spec.title =
          team_name(team) + " actions" + (page > 1 ? fmt::format(" (page {})", page) : "");
      team_spec.nav = "actions";
      team_spec.description = fmt::format("Actions for {} from win/loss reviews.", team_name(team));
      out.write(path, render_page(model, team_spec, team_main));
      made.emplace_back(std::move(path), digest);
    }
  }
}

} // namespace review::site
