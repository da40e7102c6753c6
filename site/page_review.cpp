// One page per review: the rendered body, the front matter as a side panel, the
// actions with their status, git history, and previous/next within the quarter.
#include "core/byte_codec.hpp"
#include "core/text.hpp"
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/markdown_html.hpp"
#include "site/pages.hpp"
#include "site/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace review::site {
namespace {

void add_fact(std::string& html, std::string_view label, const std::string& value_html) {
  if (value_html.empty()) return;
  html += fmt::format("<div class=\"fact\"><dt>{}</dt><dd>{}</dd></div>\n", label, value_html);
}

std::string joined(const std::vector<std::string>& values, bool humanized) {
  std::string text;
  for (const auto& v : values) text += (text.empty() ? "" : ", ") + (humanized ? humanize(v) : v);
  return escape_html(text);
}

// A team's own front-matter key, shown as written: scalars and lists of scalars.
std::string extra_value(const core::YamlValue& value) {
  if (value.is_scalar()) return escape_html(value.scalar);
  if (value.is_sequence()) {
    std::vector<std::string> items;
    for (const auto& item : value.items) {
      if (item.is_scalar()) items.push_back(item.scalar);
    }
    return joined(items, false);
  }
  return {};
}

std::string side_panel(const SiteModel& model, const core::Review& review) {
  std::string html = "<aside class=\"side-panel\" aria-label=\"Deal facts\">\n";
  html += "<section class=\"side-section\"><h2>The deal</h2>\n<dl class=\"facts\">\n";
  add_fact(html, "Outcome", outcome_badge(review));
  if (review.outcome && *review.outcome == core::Outcome::lost) {
    add_fact(html, "Lost to", escape_html(review.lost_to ? *review.lost_to : ""));
  }
  std::vector<std::string> others;
  if (review.competitors) {
    for (const auto& c : *review.competitors) {
      if (!review.lost_to || c != *review.lost_to) others.push_back(c);
    }
  }
  add_fact(html,
           review.outcome && *review.outcome == core::Outcome::lost ? "Also competing"
                                                                    : "Competitors",
           joined(others, false));
  add_fact(html, "Amount", escape_html(amount_text(review)));
  add_fact(html, "Closed", review.close_date ? escape_html(format_date(*review.close_date)) : "");
  add_fact(html, "Fiscal quarter", review.quarter ? review.quarter->to_string() : "");
  add_fact(html, "Account executive",
           escape_html(review.account_executive ? *review.account_executive : ""));
  add_fact(html, "Account", escape_html(review.account ? *review.account : ""));
  add_fact(html, "Segment", escape_html(review.segment ? humanize(*review.segment) : ""));
  add_fact(html, "Region", escape_html(review.region ? *review.region : ""));
  add_fact(html, "Reviewed",
           review.review_date ? escape_html(format_date(*review.review_date)) : "");
  if (review.buyer_interviewed) {
    add_fact(html, "Buyer interviewed",
             *review.buyer_interviewed ? "Yes, in a neutral conversation" : "No");
  }
  add_fact(html, "Evidence", review.evidence ? joined(*review.evidence, true) : "");
  add_fact(html, "How it was picked",
           review.selection ? escape_html(humanize(*review.selection)) : "");
  add_fact(html, "CRM id", escape_html(review.crm_id ? *review.crm_id : ""));
  if (review.is_confidential())
    add_fact(html, "Confidential",
             "Yes: shown because the site was built with --include-confidential");
  for (const auto& entry : review.front_matter.entries) {
    if (is_known_key(entry.key)) continue;
    add_fact(html, escape_html(humanize(entry.key)), extra_value(entry.value));
  }
  html += "</dl>\n</section>\n";

  if (review.decision_factors && !review.decision_factors->empty()) {
    html += "<section class=\"side-section\"><h2>Decision factors, ranked</h2>\n<ol "
            "class=\"factors\">\n";
    for (const auto& factor : *review.decision_factors)
      html += fmt::format("<li>{}</li>\n", escape_html(humanize(factor)));
    html += "</ol>\n</section>\n";
  }

  if (review.price_role || review.price_evidence) {
    html += "<section class=\"side-section\"><h2>Role of price</h2>\n";
    if (review.price_role) {
      html += fmt::format("<p><span class=\"price-role {}\">{}</span></p>\n",
                          core::price_role_name(*review.price_role),
                          escape_html(humanize(core::price_role_name(*review.price_role))));
    }
    if (review.price_evidence && !review.price_evidence->empty()) {
      html += fmt::format("<blockquote class=\"evidence\">{}</blockquote>\n",
                          escape_html(*review.price_evidence));
    }
    html += "</section>\n";
  }

  if (review.stakeholders && !review.stakeholders->empty()) {
    html += "<section class=\"side-section\"><h2>Stakeholders</h2>\n<ul class=\"stakeholders\">\n";
    for (const auto& person : *review.stakeholders) {
      html += "<li>";
      std::string who = person.title;
      if (!person.name.empty()) who = who.empty() ? person.name : person.name + ", " + who;
      html +=
          fmt::format("<span class=\"who\">{}</span>", escape_html(who.empty() ? "Someone" : who));
      if (!person.role.empty())
        html += fmt::format("<span class=\"role\">{}</span>", escape_html(humanize(person.role)));
      html += "<span class=\"tags\">";
      if (person.in_room) {
        html += *person.in_room ? "<span class=\"tag in-room\">In the room</span>"
                                : "<span class=\"tag outside\"><span aria-hidden=\"true\">&#9888; "
                                  "</span>Outside the room</span>";
      }
      if (person.engaged) {
        html += *person.engaged ? "<span class=\"tag\">Engaged</span>"
                                : "<span class=\"tag\">Not engaged</span>";
      }
      html += "</span></li>\n";
    }
    html += "</ul>\n</section>\n";
  }

  html += "<section class=\"side-section\"><h2>History</h2>\n";
  const core::FileHistory* history = model.history_of(review);
  const std::string repo_url =
      model.config->site.repo_url.empty() ? std::string() : safe_url(model.config->site.repo_url);
  const bool has_repo_url = !repo_url.empty() && repo_url != "#";
  std::string base = repo_url;
  while (base.ends_with('/')) base.pop_back();
  const std::string git_path = escape_url_path(model.git_prefix.value_or("") + review.path);
  if (history != nullptr) {
    html += "<dl class=\"facts\">\n";
    add_fact(html, "Created", escape_html(format_date(utc_date(history->created))));
    add_fact(html, "Last updated", escape_html(format_date(utc_date(history->updated))));
    add_fact(html, "Revisions", std::to_string(history->revisions));
    add_fact(html, history->authors.size() == 1 ? "Author" : "Authors",
             joined(history->authors, false));
    html += "</dl>\n";
    if (has_repo_url) {
      html += fmt::format("<p class=\"links\"><a href=\"{0}/blob/{1}/{2}\">View the file</a> · "
                          "<a href=\"{0}/commits/{1}/{2}\">Every change</a></p>\n",
                          escape_html(base), history->last_commit, escape_html(git_path));
    }
  } else {
    html += "<p class=\"muted\">No git history for this file.</p>\n";
    if (has_repo_url) {
      html += fmt::format("<p class=\"links\"><a href=\"{}/blob/HEAD/{}\">View the file</a></p>\n",
                          escape_html(base), escape_html(git_path));
    }
  }
  html +=
      fmt::format("<p class=\"source\">Source: <code>{}</code></p>\n", escape_html(review.path));
  html += "</section>\n</aside>\n";
  return html;
}

std::string actions_section(const SiteModel& model, const core::Review& review) {
  if (review.body.actions.empty()) return {};
  std::string html =
      "<section class=\"panel review-actions\" aria-labelledby=\"actions-heading\">\n"
      "<h2 id=\"actions-heading\">Actions for other teams</h2>\n"
      "<div class=\"table-scroll\"><table class=\"actions-table\"><thead><tr><th "
      "scope=\"col\">Status</th>"
      "<th scope=\"col\">Team</th><th scope=\"col\">Action</th><th scope=\"col\">Owner</th>"
      "<th scope=\"col\">Due</th></tr></thead><tbody>\n";
  const std::string root = "../";
  for (const auto& action : review.body.actions) {
    const bool overdue =
        action.status == core::ActionStatus::open && action.due && *action.due < model.today;
    const auto slug = model.team_slugs.find(action.team);
    const std::string team =
        action.team.empty() ? std::string("Unassigned") : humanize(action.team);
    std::string team_cell = escape_html(team);
    if (slug != model.team_slugs.end()) {
      team_cell = fmt::format("<a href=\"{}{}\">{}</a>", root,
                              escape_url_path(team_path(slug->second, 1)), team_cell);
    }
    html += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
                        "class=\"nowrap\">{}</td></tr>\n",
                        action.status == core::ActionStatus::dropped ? "dropped" : "",
                        action_status_badge(action, overdue), team_cell,
                        escape_html(action.text.empty() ? action.raw : action.text),
                        escape_html(action.owner),
                        escape_html(action.due ? format_date(*action.due) : action.due_text));
  }
  html += "</tbody></table></div>\n</section>\n";
  return html;
}

std::string neighbour_link(const core::Review* review, std::string_view rel,
                           std::string_view label) {
  if (review == nullptr) return "<span></span>";
  return fmt::format("<a href=\"../{}\" rel=\"{}\"><span class=\"sub\">{}</span>{}</a>",
                     review_href(*review), rel, label, escape_html(display_title(*review)));
}

std::string review_page(const SiteModel& model, const core::Review& review,
                        const core::Review* previous, const core::Review* next) {
  std::string main;
  const std::string_view folder = outcome_folder(*review.outcome);
  main += fmt::format(
      "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\"><a href=\"../{}/index.html\">{}</a>"
      "<span aria-hidden=\"true\"> / </span><span>{}</span></nav>\n",
      folder,
      folder == "wins"     ? "Wins"
      : folder == "losses" ? "Losses"
                           : "No decision",
      escape_html(review.account ? *review.account : review.id));
  main += "<header class=\"review-head\">\n";
  main += fmt::format("<p class=\"eyebrow\">{}<span>{}</span><span>Closed {}</span></p>\n",
                      outcome_badge(review), review.quarter ? review.quarter->to_string() : "",
                      format_date(*review.close_date));
  main += fmt::format("<h1>{}</h1>\n", escape_html(display_title(review)));
  std::vector<std::string> lede;
  if (review.account && !review.account->empty()) lede.push_back(*review.account);
  if (review.account_executive && !review.account_executive->empty())
    lede.push_back(*review.account_executive);
  if (const std::string amount = amount_text(review); !amount.empty()) lede.push_back(amount);
  if (const std::string competition = competition_text(review); !competition.empty())
    lede.push_back(competition);
  std::string lede_text;
  for (const auto& part : lede) lede_text += (lede_text.empty() ? "" : " · ") + part;
  main += fmt::format("<p class=\"lede\">{}</p>\n</header>\n", escape_html(lede_text));
  main += "<div class=\"review-layout\">\n<div class=\"review-main\">\n<article class=\"prose\">\n";
  main += render_body_html(review);
  main += "</article>\n";
  main += actions_section(model, review);
  main += "</div>\n";
  main += side_panel(model, review);
  main += "</div>\n";
  if (previous != nullptr || next != nullptr) {
    main += fmt::format(
        "<nav class=\"prev-next\" aria-label=\"Other reviews in {}\">{}{}</nav>\n",
        review.quarter->to_string(),
        neighbour_link(previous, "prev",
                       fmt::format("&larr; Earlier in {}", review.quarter->to_string())),
        neighbour_link(next, "next",
                       fmt::format("Later in {} &rarr;", review.quarter->to_string())));
  }
  PageSpec spec;
  spec.path = review_path(review);
  spec.title = display_title(review);
  spec.nav = std::string(folder);
  spec.description = section_excerpt(review, "summary", 200);
  return render_page(model, spec, main);
}

} // namespace

std::string page_site_inputs(const SiteModel& model) {
  std::string bytes;
  core::ByteWriter writer(bytes);
  writer.put_text(model.title);
  writer.put_text(model.base_url);
  writer.put_text(model.today.to_string());
  writer.put_text(model.header_html);
  writer.put_text(model.footer_html);
  writer.put(static_cast<std::uint8_t>(model.has_theme_css));
  writer.put(static_cast<std::uint64_t>(model.reviews.size()));
  writer.put(static_cast<std::uint64_t>(model.team_slugs.size()));
  for (const auto& [team, slug] : model.team_slugs) {
    writer.put_text(team);
    writer.put_text(slug);
  }
  return bytes;
}

void put_review_inputs(core::ByteWriter& writer, const SiteModel& model, std::size_t i) {
  const core::Review& review = *model.reviews[i];
  const ReviewSource& source = model.sources[i];
  writer.put_text(review.path);
  writer.put(source.text.low);
  writer.put(source.text.high);
  writer.put_text(model.git_prefix ? *model.git_prefix + review.path : std::string());
  if (const core::FileHistory* history = model.history_of(review)) {
    writer.put(history->created);
    writer.put(history->updated);
    writer.put_text(history->first_commit);
    writer.put_text(history->last_commit);
    writer.put(static_cast<std::int32_t>(history->revisions));
    writer.put(static_cast<std::uint32_t>(history->authors.size()));
    for (const auto& author : history->authors) writer.put_text(author);
  }
}

namespace {

// What review i's page is made from: the model's part, the review's own inputs, and
// its neighbours' ids and texts (their titles show).
PageDigest review_page_digest(const SiteModel& model, std::string_view site_inputs, std::size_t i,
                              std::size_t previous, std::size_t next) {
  const std::vector<ReviewSource>& sources = model.sources;
  std::string bytes(site_inputs);
  core::ByteWriter writer(bytes);
  put_review_inputs(writer, model, i);
  for (const std::size_t neighbour : {previous, next}) {
    if (neighbour >= model.reviews.size()) {
      writer.put_text("-");
      continue;
    }
    writer.put_text(model.reviews[neighbour]->path);
    writer.put(sources[neighbour].text.low);
    writer.put(sources[neighbour].text.high);
  }
  return digest_of(bytes);
}

} // namespace

PageDigests write_review_pages(const SiteModel& model, SiteOutput& out, unsigned threads,
                               const PageCache& previous_build) {
  const std::size_t count = model.reviews.size();
  // Neighbours within a quarter, in close-date order (model.reviews runs newest first).
  std::vector<std::size_t> previous(count, count);
  std::vector<std::size_t> next(count, count);
  for (std::size_t i = 0; i < count; ++i) {
    if (i + 1 < count && model.reviews[i + 1]->quarter == model.reviews[i]->quarter)
      previous[i] = i + 1;
    if (i > 0 && model.reviews[i - 1]->quarter == model.reviews[i]->quarter) next[i] = i - 1;
  }
  const std::string site_inputs = page_site_inputs(model);
  PageDigests made(count);
  parallel_for(count, threads, [&](std::size_t i) {
    const core::Review& review = *model.reviews[i];
    std::string path = review_path(review);
    const PageDigest digest = review_page_digest(model, site_inputs, i, previous[i], next[i]);
    if (!link_unchanged(out, previous_build, path, digest)) {
      std::optional<core::Review> holder;
      out.write(path, review_page(model, model.in_full(i, holder),
                                  previous[i] < count ? model.reviews[previous[i]] : nullptr,
                                  next[i] < count ? model.reviews[next[i]] : nullptr));
    }
    made[i] = {std::move(path), digest};
  });
  return made;
}

} // namespace review::site
