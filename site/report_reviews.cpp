// `review list` and `review actions` as tables, JSON, CSV and Markdown.
#include "site/csv.hpp"
#include "site/format.hpp"
#include "site/report.hpp"
#include "site/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace review::site {
namespace {

using json = nlohmann::ordered_json;

template <class T> json optional_json(const core::Field<T>& field) {
  return field ? json(*field) : json(nullptr);
}

std::string outcome_text(const core::Review& review) {
  return review.outcome ? std::string(core::outcome_name(*review.outcome)) : std::string("?");
}

std::string amount_text(const core::Review& review) {
  return review.amount ? format_amount(*review.amount) : "";
}

// "lost to LedgerCo" reads better than a list when the deal was lost; else everyone weighed.
std::string competition_text(const core::Review& review) {
  if (review.lost_to && review.outcome && *review.outcome == core::Outcome::lost)
    return "→ " + *review.lost_to;
  return review.competitors ? fmt::format("{}", fmt::join(*review.competitors, ", ")) : "";
}

std::string joined(const core::Field<std::vector<std::string>>& list) {
  return list ? fmt::format("{}", fmt::join(*list, "; ")) : "";
}

std::string status_text(const ActionEntry& entry) {
  return entry.overdue ? "overdue" : std::string(core::action_status_name(entry.action->status));
}

std::string review_label(const core::Review& review) {
  return review.account ? *review.account : review.id;
}

// Link text in Markdown: brackets would end it early.
std::string escape_link_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

} // namespace

std::optional<ReportFormat> parse_report_format(std::string_view text) {
  if (text == "table") return ReportFormat::table;
  if (text == "json") return ReportFormat::json;
  if (text == "csv") return ReportFormat::csv;
  if (text == "markdown") return ReportFormat::markdown;
  return std::nullopt;
}

std::string list_table(std::span<const core::Review* const> reviews, std::size_t width) {
  TextTable table({{"ID", Align::left, 3},
                   {"OUTCOME"},
                   {"ACCOUNT", Align::left, 1},
                   {"EXECUTIVE", Align::left, 1},
                   {"AMOUNT", Align::right},
                   {"COMPETITION", Align::left, 1}});
  for (const core::Review* review : reviews) {
    table.add_row({review->id, outcome_text(*review), review->account.value,
                   review->account_executive.value, amount_text(*review),
                   competition_text(*review)});
  }
  return table.render(width);
}

std::string list_json(std::span<const core::Review* const> reviews) {
  json out = json::array();
  for (const core::Review* r : reviews) {
    out.push_back({
        {"id", r->id},
        {"path", r->path},
        {"title", optional_json(r->title)},
        {"account", optional_json(r->account)},
        {"outcome", r->outcome ? json(core::outcome_name(*r->outcome)) : json(nullptr)},
        {"quarter", r->quarter ? json(r->quarter->to_string()) : json(nullptr)},
        {"close_date", r->close_date ? json(r->close_date->to_string()) : json(nullptr)},
        {"account_executive", optional_json(r->account_executive)},
        {"amount", optional_json(r->amount)},
        {"currency", optional_json(r->currency)},
        {"segment", optional_json(r->segment)},
        {"region", optional_json(r->region)},
        {"competitors", r->competitors ? json(*r->competitors) : json::array()},
        {"lost_to", optional_json(r->lost_to)},
        {"decision_factors", r->decision_factors ? json(*r->decision_factors) : json::array()},
        {"price_role", r->price_role ? json(core::price_role_name(*r->price_role)) : json(nullptr)},
        {"selection", optional_json(r->selection)},
        {"crm_id", optional_json(r->crm_id)},
        {"confidential", r->is_confidential()},
        {"actions", r->body.actions.size()},
    });
  }
  return out.dump(2) + "\n";
}

std::string list_csv(std::span<const core::Review* const> reviews) {
  std::string out =
      csv_row({"id", "path", "title", "account", "outcome", "quarter", "close_date",
               "account_executive", "amount", "currency", "segment", "region", "competitors",
               "lost_to", "decision_factors", "price_role", "selection", "crm_id", "confidential"});
  for (const core::Review* r : reviews) {
    out += csv_row({r->id, r->path, r->title.value, r->account.value,
                    r->outcome ? outcome_text(*r) : "", r->quarter ? r->quarter->to_string() : "",
                    r->close_date ? r->close_date->to_string() : "", r->account_executive.value,
                    r->amount ? fmt::format("{}", *r->amount) : "", r->currency.value,
                    r->segment.value, r->region.value, joined(r->competitors), r->lost_to.value,
                    joined(r->decision_factors),
                    r->price_role ? std::string(core::price_role_name(*r->price_role)) : "",
                    r->selection.value, r->crm_id.value, r->is_confidential() ? "true" : "false"});
  }
  return out;
}

ActionTally tally_actions(std::span<const ActionEntry> entries) {
  ActionTally tally;
  for (const auto& entry : entries) {
    if (entry.overdue)
      ++tally.overdue;
    else if (entry.action->status == core::ActionStatus::open)
      ++tally.open;
    else if (entry.action->status == core::ActionStatus::done)
      ++tally.done;
    else
      ++tally.dropped;
  }
  return tally;
}

std::string actions_table(std::span<const ActionEntry> entries, std::size_t width) {
  TextTable table({{"STATUS"},
                   {"DUE"},
                   {"TEAM"},
                   {"ACTION", Align::left, 3},
                   {"OWNER", Align::left, 1},
                   {"REVIEW", Align::left, 1}});
  for (const auto& entry : entries) {
    const core::Action& action = *entry.action;
    table.add_row({status_text(entry), action.due_text, action.team, action.text, action.owner,
                   review_label(*entry.review)});
  }
  return table.render(width);
}

std::string actions_json(std::span<const ActionEntry> entries) {
  json out = json::array();
  for (const auto& entry : entries) {
    const core::Action& a = *entry.action;
    out.push_back({
        {"status", core::action_status_name(a.status)},
        {"overdue", entry.overdue},
        {"team", a.team},
        {"text", a.text},
        {"owner", a.owner},
        {"due", a.due ? json(a.due->to_string())
                      : (a.due_text.empty() ? json(nullptr) : json(a.due_text))},
        {"fields", a.fields},
        {"review", entry.review->id},
        {"account", optional_json(entry.review->account)},
        {"path", entry.review->path},
        {"line", a.position.line},
    });
  }
  return out.dump(2) + "\n";
}

std::string actions_csv(std::span<const ActionEntry> entries) {
  std::string out = csv_row(
      {"status", "overdue", "team", "text", "owner", "due", "review", "account", "path", "line"});
  for (const auto& entry : entries) {
    const core::Action& a = *entry.action;
    out +=
        csv_row({std::string(core::action_status_name(a.status)), entry.overdue ? "true" : "false",
                 a.team, a.text, a.owner, a.due_text, entry.review->id, entry.review->account.value,
                 entry.review->path, std::to_string(a.position.line)});
  }
  return out;
}

std::string actions_markdown(std::span<const ActionEntry> entries) {
  struct Group {
    std::string_view title;
    bool (*matches)(const ActionEntry&);
  };
  static constexpr Group k_groups[] = {
      {"Overdue", [](const ActionEntry& e) { return e.overdue; }},
      {"Open",
       [](const ActionEntry& e) {
         return !e.overdue && e.action->status == core::ActionStatus::open;
       }},
      {"Done", [](const ActionEntry& e) { return e.action->status == core::ActionStatus::done; }},
      {"Dropped",
       [](const ActionEntry& e) { return e.action->status == core::ActionStatus::dropped; }},
  };
  std::string out;
  for (const auto& group : k_groups) {
    const auto count = std::count_if(entries.begin(), entries.end(), group.matches);
    if (count == 0) continue;
    if (!out.empty()) out += "\n";
    out += fmt::format("## {} ({})\n\n", group.title, count);
    for (const auto& entry : entries) {
      if (!group.matches(entry)) continue;
      const core::Action& a = *entry.action;
      std::string text = a.team.empty() ? a.text : fmt::format("**{}**: {}", a.team, a.text);
      if (a.status == core::ActionStatus::dropped) text = "~~" + text + "~~";
      std::vector<std::string> details;
      if (!a.owner.empty()) details.push_back("owner " + a.owner);
      if (!a.due_text.empty()) details.push_back("due " + a.due_text);
      details.push_back(fmt::format("[{}]({})", escape_link_text(review_label(*entry.review)),
                                    entry.review->path));
      out += fmt::format("- [{}] {} — {}\n", a.status == core::ActionStatus::done ? "x" : " ", text,
                         fmt::join(details, ", "));
    }
  }
  if (out.empty()) out = "No actions.\n";
  return out;
}

} // namespace review::site
