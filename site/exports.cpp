// The site's files for other tools: reviews.json (every structured field), actions.csv
// (for a spreadsheet) and feed.xml (an Atom feed of the latest reviews).
#include "core/byte_codec.hpp"
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/markdown_html.hpp"
#include "site/pages.hpp"
#include "site/parallel.hpp"
#include "site/pieced_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <span>

namespace review::site {
namespace {

constexpr std::size_t k_feed_entries = 50;

// A team's own key as JSON: unquoted true/false/numbers typed, everything else a string.
nlohmann::json yaml_to_json(const core::YamlValue& value) {
  switch (value.kind) {
  case core::YamlValue::Kind::null:
    return nullptr;
  case core::YamlValue::Kind::scalar: {
    if (!value.quoted) {
      if (value.scalar == "true") return true;
      if (value.scalar == "false") return false;
      char* end = nullptr;
      const long long integer = std::strtoll(value.scalar.c_str(), &end, 10);
      if (!value.scalar.empty() && end == value.scalar.c_str() + value.scalar.size())
        return integer;
    }
    return value.scalar;
  }
  case core::YamlValue::Kind::sequence: {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : value.items) items.push_back(yaml_to_json(item));
    return items;
  }
  case core::YamlValue::Kind::map: {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& entry : value.entries) object[entry.key] = yaml_to_json(entry.value);
    return object;
  }
  }
  return nullptr;
}

template <class T> void put(nlohmann::json& object, const char* key, const core::Field<T>& field) {
  if (field) object[key] = *field;
}

nlohmann::json review_json(const SiteModel& model, const core::Review& review) {
  nlohmann::json r;
  r["id"] = review.id;
  r["path"] = review.path;
  r["url"] = review_href(review);
  put(r, "title", review.title);
  put(r, "account", review.account);
  r["outcome"] = core::outcome_name(*review.outcome);
  put(r, "lost_to", review.lost_to);
  put(r, "competitors", review.competitors);
  if (review.close_date) r["close_date"] = review.close_date->to_string();
  if (review.review_date) r["review_date"] = review.review_date->to_string();
  if (review.quarter) r["quarter"] = review.quarter->to_string();
  put(r, "account_executive", review.account_executive);
  put(r, "amount", review.amount);
  put(r, "currency", review.currency);
  put(r, "segment", review.segment);
  put(r, "region", review.region);
  put(r, "buyer_interviewed", review.buyer_interviewed);
  put(r, "evidence", review.evidence);
  if (review.stakeholders) {
    nlohmann::json people = nlohmann::json::array();
    for (const auto& s : *review.stakeholders) {
      nlohmann::json person;
      if (!s.title.empty()) person["title"] = s.title;
      if (!s.name.empty()) person["name"] = s.name;
      if (!s.role.empty()) person["role"] = s.role;
      if (s.in_room) person["in_room"] = *s.in_room;
      if (s.engaged) person["engaged"] = *s.engaged;
      people.push_back(std::move(person));
    }
    r["stakeholders"] = std::move(people);
  }
  put(r, "decision_factors", review.decision_factors);
  if (review.price_role) r["price_role"] = core::price_role_name(*review.price_role);
  put(r, "price_evidence", review.price_evidence);
  put(r, "selection", review.selection);
  if (review.confidential) r["confidential"] = review.is_confidential();
  put(r, "crm_id", review.crm_id);
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& action : review.body.actions) {
    nlohmann::json a;
    a["team"] = action.team;
    a["text"] = action.text;
    a["owner"] = action.owner;
    a["due"] = action.due ? action.due->to_string() : action.due_text;
    a["status"] = core::action_status_name(action.status);
    a["overdue"] =
        action.status == core::ActionStatus::open && action.due && *action.due < model.today;
    actions.push_back(std::move(a));
  }
  r["actions"] = std::move(actions);
  nlohmann::json extra = nlohmann::json::object();
  for (const auto& entry : review.front_matter.entries) {
    if (!is_known_key(entry.key)) extra[entry.key] = yaml_to_json(entry.value);
  }
  if (!extra.empty()) r["extra"] = std::move(extra);
  if (const core::FileHistory* history = model.history_of(review)) {
    r["history"] = {{"created", iso_timestamp(history->created)},
                    {"updated", iso_timestamp(history->updated)},
                    {"authors", history->authors},
                    {"revisions", history->revisions}};
  }
  return r;
}

std::string absolute(const SiteModel& model, std::string_view path) {
  if (model.base_url.empty()) return std::string(path);
  std::string base = model.base_url;
  if (!base.ends_with('/')) base += '/';
  return base + std::string(path);
}

// When a review was published: its first commit, else its review date, else its close date.
std::string entry_time(const SiteModel& model, const core::Review& review) {
  if (const core::FileHistory* history = model.history_of(review))
    return iso_timestamp(history->created);
  const core::Date date = review.review_date ? *review.review_date : *review.close_date;
  return date.to_string() + "T00:00:00Z";
}

// What review i's line and rows are made from: the day (overdue actions), the base
// URL (actions.csv's links) and the review's own inputs.
std::vector<PageDigest> export_digests(const SiteModel& model, unsigned threads) {
  std::string context;
  core::ByteWriter context_writer(context);
  context_writer.put_text(model.today.to_string());
  context_writer.put_text(model.base_url);
  std::vector<PageDigest> digests(model.reviews.size());
  parallel_for(model.reviews.size(), threads, [&](std::size_t i) {
    std::string bytes = context;
    core::ByteWriter writer(bytes);
    put_review_inputs(writer, model, i);
    digests[i] = digest_of(bytes);
  });
  return digests;
}

// A digest of `digest` and a number: of one of a review's pieces.
PageDigest digest_with(const PageDigest& digest, std::uint64_t number) {
  std::string bytes;
  core::ByteWriter writer(bytes);
  writer.put(digest.low);
  writer.put(digest.high);
  writer.put(number);
  return digest_of(bytes);
}

// Invalid UTF-8 in a review shows as U+FFFD rather than failing the build.
std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::pair<std::string, FilePieces>
write_reviews_json(const SiteModel& model, std::span<const PageDigest> digests, unsigned threads,
                   const PageCache& previous_build, SiteOutput& out) {
  std::vector<std::size_t> order(model.reviews.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return model.reviews[a]->id < model.reviews[b]->id;
  });
  PiecedFile file("reviews.json", previous_build, out);
  const std::string head = fmt::format("{{\"title\": {},\n\"as_of\": \"{}\",\n\"reviews\": [\n",
                                       json_text(model.title), model.today.to_string());
  file.add(digest_of(head), head);
  // The last line ends without a comma, so whether a line is last is one of its inputs.
  std::vector<PageDigest> line_digests(order.size());
  for (std::size_t n = 0; n < order.size(); ++n)
    line_digests[n] = digest_with(digests[order[n]], n + 1 == order.size() ? 1 : 0);
  std::vector<std::size_t> to_make;
  for (std::size_t n = 0; n < order.size(); ++n) {
    if (!file.has(line_digests[n])) to_make.push_back(n);
  }
  std::vector<std::string> lines(order.size());
  parallel_for(to_make.size(), threads, [&](std::size_t k) {
    const std::size_t n = to_make[k];
    lines[n] = json_text(review_json(model, *model.reviews[order[n]]));
    lines[n] += n + 1 < order.size() ? ",\n" : "\n";
  });
  for (std::size_t n = 0; n < order.size(); ++n) {
    if (!file.reuse(line_digests[n])) file.append(line_digests[n], std::move(lines[n]));
  }
  file.add(digest_of("]}\n"), "]}\n");
  return std::move(file).write(out);
}

std::pair<std::string, FilePieces> write_actions_csv(const SiteModel& model,
                                                     std::span<const PageDigest> digests,
                                                     const PageCache& previous_build,
                                                     SiteOutput& out) {
  PiecedFile file("actions.csv", previous_build, out);
  const std::string head =
      "team,status,overdue,action,owner,due,review_id,account,outcome,quarter,review_url\r\n";
  file.add(digest_of(head), head);
  for (const auto& entry : model.actions) {
    const core::Action& a = *entry.action;
    const core::Review& r = *entry.review;
    const auto action_index = static_cast<std::uint64_t>(&a - r.body.actions.data());
    const PageDigest digest = digest_with(digests[entry.review_index], action_index);
    if (file.reuse(digest)) continue;
    const std::string fields[] = {
        a.team,
        std::string(core::action_status_name(a.status)),
        entry.overdue ? "yes" : "no",
        a.text.empty() ? a.raw : a.text,
        a.owner,
        a.due ? a.due->to_string() : a.due_text,
        r.id,
        r.account ? *r.account : std::string(),
        std::string(core::outcome_name(*r.outcome)),
        r.quarter ? r.quarter->to_string() : std::string(),
        absolute(model, review_href(r)),
    };
    std::string row;
    for (const std::string& field : fields) {
      if (&field != fields) row += ',';
      row += csv_field(field);
    }
    file.append(digest, row + "\r\n");
  }
  return std::move(file).write(out);
}

std::string atom_feed(const SiteModel& model) {
  std::vector<std::pair<std::string, const core::Review*>> entries;
  for (const auto* review : model.reviews) entries.emplace_back(entry_time(model, *review), review);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second->id < b.second->id;
  });
  if (entries.size() > k_feed_entries) entries.resize(k_feed_entries);

  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  xml += fmt::format("<title>{}</title>\n", escape_xml(model.title));
  xml += "<subtitle>New win/loss reviews</subtitle>\n";
  xml += fmt::format("<id>{}</id>\n",
                     escape_xml(model.base_url.empty() ? "urn:review:site" : absolute(model, "")));
  xml += fmt::format("<link rel=\"self\" href=\"{}\"/>\n", escape_xml(absolute(model, "feed.xml")));
  xml += fmt::format("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                     escape_xml(absolute(model, "index.html")));
  xml += fmt::format("<updated>{}</updated>\n",
                     entries.empty() ? std::string("1970-01-01T00:00:00Z") : entries.front().first);
  xml += "<generator>review</generator>\n";
  for (const auto& [time, review] : entries) {
    const std::string link = absolute(model, review_href(*review));
    xml += "<entry>\n";
    xml += fmt::format("<title>{}: {}</title>\n", outcome_label(*review->outcome),
                       escape_xml(display_title(*review)));
    xml += fmt::format("<id>{}</id>\n",
                       escape_xml(model.base_url.empty()
                                      ? "urn:review:" + escape_url_component(review->id)
                                      : link));
    xml +=
        fmt::format("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape_xml(link));
    xml += fmt::format("<updated>{}</updated>\n", time);
    if (review->account_executive && !review->account_executive->empty()) {
      xml +=
          fmt::format("<author><name>{}</name></author>\n", escape_xml(*review->account_executive));
    } else {
      xml += "<author><name>unknown</name></author>\n";
    }
    xml += fmt::format("<category term=\"{}\"/>\n", core::outcome_name(*review->outcome));
    const std::string summary = section_excerpt(*review, "summary", 400);
    if (!summary.empty()) xml += fmt::format("<summary>{}</summary>\n", escape_xml(summary));
    xml += "</entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

} // namespace

PiecedFiles write_exports(const SiteModel& model, SiteOutput& out, unsigned threads,
                          const PageCache& previous_build) {
  const std::vector<PageDigest> digests = export_digests(model, threads);
  PiecedFiles pieced;
  pieced.push_back(write_reviews_json(model, digests, threads, previous_build, out));
  pieced.push_back(write_actions_csv(model, digests, previous_build, out));
  out.write("feed.xml", atom_feed(model));
  return pieced;
}

} // namespace review::site
