#include "site/layout.hpp"

#include "core/text.hpp"
#include "site/format.hpp"
#include "site/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace review::site {
namespace {

struct NavItem {
  std::string_view key;
  std::string_view label;
  std::string_view path;
};

constexpr std::array k_nav = {
    NavItem{"home", "Overview", "index.html"},
    NavItem{"wins", "Wins", "wins/index.html"},
    NavItem{"losses", "Losses", "losses/index.html"},
    NavItem{"no-decision", "No decision", "no-decision/index.html"},
    NavItem{"all", "Search", "all/index.html"},
    NavItem{"actions", "Actions", "actions/index.html"},
    NavItem{"insights", "Insights", "insights/index.html"},
    NavItem{"coverage", "Coverage", "coverage/index.html"},
};

} // namespace

std::string root_prefix(std::string_view path) {
  std::string prefix;
  for (char c : path) {
    if (c == '/') prefix += "../";
  }
  return prefix;
}

std::string render_page(const SiteModel& model, const PageSpec& spec, std::string_view main_html) {
  const std::string root = root_prefix(spec.path);
  std::string html;
  html.reserve(main_html.size() + 4096);
  html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html +=
      fmt::format("<title>{}</title>\n",
                  escape_html(spec.title.empty() ? model.title : spec.title + " · " + model.title));
  if (!spec.description.empty()) {
    html +=
        fmt::format("<meta name=\"description\" content=\"{}\">\n", escape_html(spec.description));
  }
  html += "<meta name=\"generator\" content=\"review\">\n";
  html += fmt::format("<link rel=\"stylesheet\" href=\"{}assets/site.css\">\n", root);
  if (model.has_theme_css)
    html += fmt::format("<link rel=\"stylesheet\" href=\"{}assets/theme.css\">\n", root);
  html += fmt::format("<link rel=\"icon\" href=\"{}assets/favicon.svg\" type=\"image/svg+xml\">\n",
                      root);
  html += fmt::format("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New reviews\" "
                      "href=\"{}feed.xml\">\n",
                      root);
  html += "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n";
  if (!model.header_html.empty()) {
    html += "<div class=\"custom-header\">\n";
    html += model.header_html;
    html += "\n</div>\n";
  }
  html += "<header class=\"site-header\">\n<div class=\"wrap header-inner\">\n";
  html += fmt::format("<a class=\"brand\" href=\"{}index.html\"><span class=\"brand-mark\" "
                      "aria-hidden=\"true\"></span>{}</a>\n",
                      root, escape_html(model.title));
  html += "<nav class=\"site-nav\" aria-label=\"Main\">\n<ul>\n";
  for (const auto& item : k_nav) {
    const bool current = item.key == spec.nav;
    html += fmt::format("<li><a href=\"{}{}\"{}>{}</a></li>\n", root, item.path,
                        current ? " aria-current=\"page\"" : "", item.label);
  }
  html += "</ul>\n</nav>\n</div>\n</header>\n";
  html += "<main id=\"main\" class=\"wrap\">\n";
  html += main_html;
  html += "</main>\n<footer class=\"site-footer\">\n";
  if (!model.footer_html.empty()) {
    html += "<div class=\"custom-footer\">\n";
    html += model.footer_html;
    html += "\n</div>\n";
  }
  html += fmt::format(
      "<div class=\"wrap footer-inner\"><p>{} on this site. Exports: <a "
      "href=\"{}reviews.json\">reviews.json</a> · "
      "<a href=\"{}actions.csv\">actions.csv</a> · <a href=\"{}feed.xml\">Atom feed</a>.</p>"
      "<p class=\"muted\">Reviews are blameless: they describe what happened and what we will do "
      "next time.</p></div>\n",
      plural(static_cast<long>(model.reviews.size()), "review", "reviews"), root, root, root);
  html += "</footer>\n";
  if (spec.script) html += fmt::format("<script src=\"{}assets/site.js\"></script>\n", root);
  html += "</body>\n</html>\n";
  return html;
}

std::string review_path(const core::Review& review) {
  return "reviews/" + review.id + ".html";
}
std::string review_href(const core::Review& review) {
  return "reviews/" + escape_url_path(review.id) + ".html";
}

std::string listing_path(std::string_view folder, int page) {
  if (page <= 1) return fmt::format("{}/index.html", folder);
  return fmt::format("{}/page-{}.html", folder, page);
}

std::string team_path(std::string_view slug, int page) {
  if (page <= 1) return fmt::format("actions/{}.html", slug);
  return fmt::format("actions/{}-page-{}.html", slug, page);
}

std::string_view outcome_label(core::Outcome outcome) {
  switch (outcome) {
  case core::Outcome::won:
    return "Won";
  case core::Outcome::lost:
    return "Lost";
  case core::Outcome::no_decision:
    return "No decision";
  }
  return "";
}

std::string_view outcome_folder(core::Outcome outcome) {
  switch (outcome) {
  case core::Outcome::won:
    return "wins";
  case core::Outcome::lost:
    return "losses";
  case core::Outcome::no_decision:
    return "no-decision";
  }
  return "";
}

std::string outcome_badge(core::Outcome outcome) {
  std::string_view icon;
  switch (outcome) {
  case core::Outcome::won:
    icon = "&#10003;";
    break; // check mark
  case core::Outcome::lost:
    icon = "&#10005;";
    break; // multiplication x
  case core::Outcome::no_decision:
    icon = "&#8722;";
    break; // minus
  }
  return fmt::format(
      "<span class=\"badge {}\"><span class=\"badge-icon\" aria-hidden=\"true\">{}</span>{}</span>",
      core::outcome_name(outcome), icon, outcome_label(outcome));
}

std::string outcome_badge(const core::Review& review) {
  if (!review.outcome) return {};
  return outcome_badge(*review.outcome);
}

std::string action_status_badge(const core::Action& action, bool overdue) {
  if (overdue)
    return "<span class=\"status overdue\"><span aria-hidden=\"true\">&#9888; "
           "</span>Overdue</span>";
  switch (action.status) {
  case core::ActionStatus::open:
    return "<span class=\"status open\"><span aria-hidden=\"true\">&#9675; </span>Open</span>";
  case core::ActionStatus::done:
    return "<span class=\"status done\"><span aria-hidden=\"true\">&#10003; </span>Done</span>";
  case core::ActionStatus::dropped:
    return "<span class=\"status dropped\"><span aria-hidden=\"true\">&#8212; "
           "</span>Dropped</span>";
  }
  return {};
}

std::string competition_text(const core::Review& review) {
  std::vector<std::string> others;
  if (review.competitors) {
    for (const auto& name : *review.competitors) {
      if (!review.lost_to || name != *review.lost_to) others.push_back(name);
    }
  }
  const auto join = [](const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
  };
  if (!review.outcome) return join(others);
  switch (*review.outcome) {
  case core::Outcome::lost:
    return review.lost_to && !review.lost_to->empty() ? "Lost to " + *review.lost_to : join(others);
  case core::Outcome::won:
    return others.empty() ? std::string() : "Against " + join(others);
  case core::Outcome::no_decision:
    return others.empty() ? std::string() : "Against " + join(others);
  }
  return {};
}

std::string amount_text(const core::Review& review) {
  if (!review.amount) return {};
  return format_amount(*review.amount,
                       review.currency ? std::string_view(*review.currency) : std::string_view());
}

std::string display_title(const core::Review& review) {
  if (review.title && !core::trim(*review.title).empty()) return *review.title;
  if (review.account && !core::trim(*review.account).empty()) return *review.account;
  return review.id;
}

std::string humanize(std::string_view id) {
  static const std::set<std::string, std::less<>> k_acronyms = {
      "smb", "cio", "cfo", "cto", "it", "api", "crm", "ae", "sso", "roi", "erp"};
  std::string text;
  std::size_t start = 0;
  while (start <= id.size()) {
    std::size_t end = id.find_first_of("-_", start);
    if (end == std::string_view::npos) end = id.size();
    std::string word(id.substr(start, end - start));
    if (k_acronyms.contains(core::to_lower_ascii(word))) {
      for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (!text.empty()) text += ' ';
    text += word;
    start = end + 1;
  }
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string pagination(int current, int count, const std::function<std::string(int)>& href) {
  if (count <= 1) return {};
  std::string html = "<nav class=\"pagination\" aria-label=\"Pages\">\n";
  if (current > 1)
    html += fmt::format("<a class=\"page-step\" href=\"{}\" rel=\"prev\">&larr; Newer</a>\n",
                        href(current - 1));
  html += "<ol>";
  int last_shown = 0;
  for (int page = 1; page <= count; ++page) {
    const bool shown = page == 1 || page == count || (page >= current - 2 && page <= current + 2);
    if (!shown) continue;
    if (page > last_shown + 1) html += "<li class=\"gap\" aria-hidden=\"true\">…</li>";
    if (page == current)
      html += fmt::format("<li><span aria-current=\"page\">{}</span></li>", page);
    else
      html += fmt::format("<li><a href=\"{}\" aria-label=\"Page {}\">{}</a></li>", href(page), page,
                          page);
    last_shown = page;
  }
  html += "</ol>\n";
  if (current < count)
    html += fmt::format("<a class=\"page-step\" href=\"{}\" rel=\"next\">Older &rarr;</a>\n",
                        href(current + 1));
  html += "</nav>\n";
  return html;
}

} // namespace review::site
