// Listings of wins, losses, no-decisions and all reviews: server-rendered pages of
// k_listing_page_size reviews (readable without JavaScript), plus a filter form that
// site.js turns on, answering from the lazily loaded search shards.
#include "core/byte_codec.hpp"
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace review::site {
namespace {

struct Listing {
  std::string folder;
  std::string nav;
  std::string heading;
  std::string intro;
  std::optional<core::Outcome> outcome; // none: every outcome
};

std::string listing_row(const core::Review& review, const std::string& root, bool show_outcome) {
  std::string row = "<tr>";
  row += fmt::format(
      "<td class=\"nowrap\"><time datetime=\"{}\">{}</time><span class=\"sub\">{}</span></td>",
      review.close_date->to_string(), format_date(*review.close_date),
      review.quarter ? review.quarter->to_string() : std::string());
  std::vector<std::string> details;
  if (review.account && !review.account->empty()) details.push_back(*review.account);
  if (review.segment && !review.segment->empty()) details.push_back(humanize(*review.segment));
  if (review.region && !review.region->empty()) details.push_back(*review.region);
  std::string detail_text;
  for (const auto& d : details) detail_text += (detail_text.empty() ? "" : " · ") + d;
  row += fmt::format(
      "<td><a class=\"row-title\" href=\"{}{}\">{}</a><span class=\"sub\">{}</span></td>", root,
      review_href(review), escape_html(display_title(review)), escape_html(detail_text));
  if (show_outcome) row += "<td>" + outcome_badge(review) + "</td>";
  row += fmt::format("<td>{}</td>",
                     escape_html(review.account_executive ? *review.account_executive : ""));
  row += fmt::format("<td class=\"num\">{}</td>", escape_html(amount_text(review)));
  row += fmt::format("<td>{}</td>", escape_html(competition_text(review)));
  std::string factors;
  if (review.decision_factors) {
    for (std::size_t i = 0; i < review.decision_factors->size() && i < 2; ++i) {
      factors += fmt::format("<span class=\"chip\">{}</span>",
                             escape_html(humanize((*review.decision_factors)[i])));
    }
  }
  row += "<td>" + factors + "</td></tr>\n";
  return row;
}

std::string table_head(bool show_outcome) {
  std::string html = "<thead><tr><th scope=\"col\">Closed</th><th scope=\"col\">Deal</th>";
  if (show_outcome) html += "<th scope=\"col\">Outcome</th>";
  html += "<th scope=\"col\">Account executive</th><th scope=\"col\" class=\"num\">Amount</th>"
          "<th scope=\"col\">Competition</th><th scope=\"col\">Top factors</th></tr></thead>\n";
  return html;
}

// One filter's values: sorted, each once. Ten thousand reviews name a few hundred
// values; views into the reviews spare a string for each time one is named.
class FilterValues {
public:
  void add(std::string_view value) {
    if (!value.empty()) m_seen.insert(value);
  }
  template <class Range> void add_all(const Range& values) {
    for (const auto& value : values) add(value);
  }
  std::vector<std::string> sorted() const {
    std::vector<std::string> values(m_seen.begin(), m_seen.end());
    std::sort(values.begin(), values.end());
    return values;
  }

private:
  std::unordered_set<std::string_view> m_seen;
};

std::string select_filter(std::string_view name, std::string_view label,
                          const std::vector<std::string>& values, bool humanized) {
  std::string html = fmt::format(
      "<div class=\"field\"><label for=\"f-{}\">{}</label><select id=\"f-{}\" name=\"{}\">"
      "<option value=\"\">All</option>",
      name, label, name, name);
  for (const auto& value : values) {
    html += fmt::format("<option value=\"{}\">{}</option>", escape_html(value),
                        escape_html(humanized ? humanize(value) : value));
  }
  html += "</select></div>\n";
  return html;
}

std::string filter_form(const std::vector<const core::Review*>& reviews, bool show_outcome) {
  std::set<core::FiscalQuarter, std::greater<>> quarters; // newest first
  FilterValues executives;
  FilterValues competitors;
  FilterValues segments;
  FilterValues regions;
  FilterValues factors;
  for (const auto* review : reviews) {
    if (review->quarter) quarters.insert(*review->quarter);
    if (review->account_executive) executives.add(*review->account_executive);
    if (review->competitors) competitors.add_all(*review->competitors);
    if (review->lost_to) competitors.add(*review->lost_to);
    if (review->segment) segments.add(*review->segment);
    if (review->region) regions.add(*review->region);
    if (review->decision_factors) factors.add_all(*review->decision_factors);
  }
  std::vector<std::string> quarter_names;
  quarter_names.reserve(quarters.size());
  for (const core::FiscalQuarter& quarter : quarters) quarter_names.push_back(quarter.to_string());
  std::string html = "<form class=\"filters\" id=\"filters\" role=\"search\" aria-label=\"Filter "
                     "reviews\" hidden>\n";
  html += "<div class=\"field field-search\"><label for=\"f-q\">Search the reviews</label>"
          "<input type=\"search\" id=\"f-q\" name=\"q\" autocomplete=\"off\" "
          "placeholder=\"Words, or a &quot;phrase in quotes&quot;\"></div>\n";
  html += "<div class=\"filter-grid\">\n";
  if (show_outcome) {
    html += "<div class=\"field\"><label for=\"f-outcome\">Outcome</label><select id=\"f-outcome\" "
            "name=\"outcome\">"
            "<option value=\"\">All</option><option value=\"won\">Won</option><option "
            "value=\"lost\">Lost</option>"
            "<option value=\"no-decision\">No decision</option></select></div>\n";
  }
  html += select_filter("quarter", "Quarter", quarter_names, false);
  html += select_filter("ae", "Account executive", executives.sorted(), false);
  html += select_filter("competitor", "Competitor", competitors.sorted(), false);
  html += select_filter("segment", "Segment", segments.sorted(), true);
  html += select_filter("region", "Region", regions.sorted(), false);
  html += select_filter("factor", "Decision factor", factors.sorted(), true);
  html += "</div>\n<div class=\"filter-actions\"><button type=\"reset\" "
          "class=\"button-quiet\">Clear filters</button>"
          "<p class=\"filter-status\" id=\"filter-status\" role=\"status\" "
          "aria-live=\"polite\"></p></div>\n</form>\n";
  return html;
}

// What a listing page is made from besides the site's inputs: its path, the filter
// form and script config every page of its listing shares, its place among the
// pages, and its rows' paths and texts.
PageDigest listing_page_digest(const SiteModel& model, std::string_view site_inputs,
                               const std::string& path, std::string_view shared, std::size_t page,
                               std::size_t page_count, const std::vector<std::size_t>& listed,
                               std::size_t first, std::size_t last) {
  std::string bytes(site_inputs);
  core::ByteWriter writer(bytes);
  writer.put_text(path);
  writer.put_text(shared);
  writer.put(static_cast<std::uint64_t>(page));
  writer.put(static_cast<std::uint64_t>(page_count));
  writer.put(static_cast<std::uint64_t>(listed.size()));
  for (std::size_t i = first; i < last; ++i) {
    writer.put_text(model.reviews[listed[i]]->path);
    writer.put(model.sources[listed[i]].text.low);
    writer.put(model.sources[listed[i]].text.high);
  }
  return digest_of(bytes);
}

void write_listing(const SiteModel& model, const Listing& listing, const SearchShards& shards,
                   SiteOutput& out, const PageCache& previous_build, std::string_view site_inputs,
                   PageDigests& made) {
  std::vector<const core::Review*> reviews;
  std::vector<std::size_t> listed; // indices into model.reviews, parallel to `reviews`
  for (std::size_t i = 0; i < model.reviews.size(); ++i) {
    if (listing.outcome && *model.reviews[i]->outcome != *listing.outcome) continue;
    reviews.push_back(model.reviews[i]);
    listed.push_back(i);
  }
  const bool show_outcome = !listing.outcome;
  const std::size_t page_count =
      std::max<std::size_t>(1, (reviews.size() + k_listing_page_size - 1) / k_listing_page_size);

  nlohmann::json config;
  config["shardCounts"] = nlohmann::json::object();
  for (const auto& [outcome, count] : shards) {
    if (listing.outcome && outcome != core::outcome_name(*listing.outcome)) continue;
    config["shardCounts"][outcome] = count;
  }
  config["outcomeColumn"] = show_outcome;
  config["root"] = "../";
  const std::string config_script = "<script type=\"application/json\" id=\"listing-config\">" +
                                    escape_script_json(config.dump()) + "</script>\n";
  const std::string form = filter_form(reviews, show_outcome);

  for (std::size_t page = 1; page <= page_count; ++page) {
    std::string path = listing_path(listing.folder, static_cast<int>(page));
    const std::size_t first = (page - 1) * k_listing_page_size;
    const std::size_t last = std::min(reviews.size(), first + k_listing_page_size);
    const PageDigest digest = listing_page_digest(model, site_inputs, path, form + config_script,
                                                  page, page_count, listed, first, last);
    if (link_unchanged(out, previous_build, path, digest)) {
      made.emplace_back(std::move(path), digest);
      continue;
    }
    const std::string root = root_prefix(path);
    std::string main;
    main += "<div class=\"page-head\">\n";
    main += fmt::format("<h1>{}</h1>\n<p class=\"lede\">{}</p>\n", listing.heading,
                        escape_html(listing.intro));
    main += "</div>\n";
    main += form;
    main += "<noscript><p class=\"notice\">Filters and search need JavaScript. Every review is "
            "listed below, newest "
            "first.</p></noscript>\n";
    main += "<section id=\"results\" class=\"panel\" aria-labelledby=\"results-heading\" hidden>\n"
            "<h2 id=\"results-heading\" class=\"visually-hidden\">Matching reviews</h2>\n"
            "<div class=\"table-scroll\"><table class=\"listing\">" +
            table_head(show_outcome) +
            "<tbody id=\"results-body\"></tbody></table></div>\n"
            "<p class=\"empty\" id=\"results-empty\" hidden>No review matches. Try fewer words or "
            "clear a filter.</p>\n"
            "<button type=\"button\" class=\"button\" id=\"results-more\" hidden>Show "
            "more</button>\n</section>\n";
    main += "<section id=\"static-listing\" class=\"panel\">\n";
    if (reviews.empty()) {
      main += "<p class=\"empty\">No reviews yet.</p>\n";
    } else {
      main += fmt::format("<p class=\"count\">{}–{} of {}, newest first</p>\n", first + 1, last,
                          plural(static_cast<long>(reviews.size()), "review", "reviews"));
      main += "<div class=\"table-scroll\"><table class=\"listing\">" + table_head(show_outcome) +
              "<tbody>\n";
      for (std::size_t i = first; i < last; ++i)
        main += listing_row(*reviews[i], root, show_outcome);
      main += "</tbody></table></div>\n";
    }
    main += pagination(static_cast<int>(page), static_cast<int>(page_count), [](int n) {
      return n <= 1 ? std::string("index.html") : fmt::format("page-{}.html", n);
    });
    main += "</section>\n";
    main += config_script;
    PageSpec spec;
    spec.path = path;
    spec.title = page > 1 ? fmt::format("{} (page {})", listing.heading, page) : listing.heading;
    spec.nav = listing.nav;
    spec.description = listing.intro;
    spec.script = true;
    out.write(path, render_page(model, spec, main));
    made.emplace_back(std::move(path), digest);
  }
}

} // namespace

void write_listings(const SiteModel& model, const SearchShards& shards, SiteOutput& out,
                    const PageCache& previous_build, PageDigests& made) {
  const std::vector<Listing> listings = {
      {"wins", "wins", "Wins",
       "Deals we won: what the customer valued, who decided, and what to repeat.",
       core::Outcome::won},
      {"losses", "losses", "Losses",
       "Deals we lost: why the customer chose otherwise, and what we will change.",
       core::Outcome::lost},
      {"no-decision", "no-decision", "No decision",
       "Deals where the customer chose to do nothing: the status quo won.",
       core::Outcome::no_decision},
      {"all", "all", "Search all reviews",
       "Every review, won, lost or no decision. Search the text or filter by quarter, account "
       "executive, competitor, "
       "segment, region or decision factor; the address bar keeps the filters, so you can share "
       "the view.",
       std::nullopt},
  };
  const std::string site_inputs = page_site_inputs(model);
  for (const auto& listing : listings)
    write_listing(model, listing, shards, out, previous_build, site_inputs, made);
}

} // namespace review::site
