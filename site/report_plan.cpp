// `review plan`: the proposed review set with the reason for each deal.
#include "site/csv.hpp"
#include "site/format.hpp"
#include "site/report.hpp"
#include "site/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace review::site {
namespace {

using json = nlohmann::ordered_json;

std::string_view reason_key(PickReason reason) {
  switch (reason) {
  case PickReason::executive:
    return "executive";
  case PickReason::outcome_mix:
    return "outcome-mix";
  case PickReason::above_threshold:
    return "above-threshold";
  case PickReason::random_sample:
    return "random-sample";
  }
  return {};
}

std::string rules_sentence(const Plan& plan) {
  std::vector<std::string> rules = {"every account executive at least once",
                                    "wins and losses both"};
  if (plan.threshold)
    rules.push_back(fmt::format("every deal of {} or more", format_amount(*plan.threshold)));
  rules.push_back(fmt::format("then a random sample (seed {}) up to {} reviews in the quarter",
                              plan.seed, plan.target));
  return fmt::format("{}", fmt::join(rules, "; "));
}

} // namespace

std::string plan_table(const Plan& plan, std::string_view export_name, std::size_t width) {
  const std::string quarter = plan.quarter.to_string();
  std::string out = fmt::format("Review plan for {} from {}\n", quarter, export_name);
  const auto count = [](std::size_t n) { return format_amount(static_cast<double>(n)); };
  out += fmt::format(
      "  closed in {}: {} deals ({} won, {} lost); {} account executives with deals or reviews\n",
      quarter, count(plan.closed_deals), count(plan.won_deals),
      count(plan.closed_deals - plan.won_deals), plan.executives.size());
  if (!plan.other_stages.empty()) {
    std::vector<std::string> stages;
    std::size_t rows = 0;
    for (const auto& [stage, n] : plan.other_stages) {
      stages.push_back(fmt::format("'{}' {}", stage, count(n)));
      rows += n;
    }
    out += fmt::format(
        "  not closed won or lost, so left out: {} ({}); plan.won_stages and plan.lost_stages "
        "in review.yaml name other closed stages\n",
        plural(static_cast<long>(rows), "row", "rows"), fmt::join(stages, ", "));
  }
  out += fmt::format("  already reviewed: {} of these deals; reviews written for {}: {}\n",
                     plan.already_reviewed.size(), quarter, plan.existing_reviews);
  out += fmt::format("  rules: {}\n", rules_sentence(plan));
  if (!plan.threshold)
    out += "  no amount threshold: set plan.threshold in review.yaml or pass --threshold\n";
  out += "\n";

  if (plan.picks.empty()) {
    out += "Nothing to add: the quarter's reviews already meet every rule.\n";
  } else {
    TextTable table({{"#", Align::right},
                     {"DEAL", Align::left, 1},
                     {"ACCOUNT", Align::left, 1},
                     {"EXECUTIVE", Align::left, 1},
                     {"CLOSED"},
                     {"OUTCOME"},
                     {"AMOUNT", Align::right}});
    std::size_t rank = 0;
    for (const auto& pick : plan.picks) {
      const Deal& d = *pick.deal;
      table.add_row({std::to_string(++rank), d.id.empty() ? fmt::format("line {}", d.line) : d.id,
                     d.account, d.owner, d.close_date.to_string(),
                     std::string(core::outcome_name(d.outcome)),
                     d.amount ? format_amount(*d.amount) : ""});
      table.add_note("why: " + pick.why);
    }
    out += table.render(width);
  }
  if (!plan.already_reviewed.empty()) {
    out += "\nAlready reviewed, so not proposed:\n";
    for (const auto& done : plan.already_reviewed) {
      out += fmt::format("  {} {} ({}): {}\n", done.deal->id.empty() ? "" : done.deal->id,
                         done.deal->account, done.deal->close_date.to_string(), done.review->path);
    }
  }
  for (const auto& note : plan.notes) out += fmt::format("\nNote: {}\n", note);
  return out;
}

std::string plan_json(const Plan& plan) {
  json picks = json::array();
  for (const auto& pick : plan.picks) {
    const Deal& d = *pick.deal;
    json reasons = json::array();
    for (const PickReason reason : pick.reasons) reasons.push_back(reason_key(reason));
    picks.push_back({{"line", d.line},
                     {"id", d.id},
                     {"account", d.account},
                     {"name", d.name},
                     {"owner", d.owner},
                     {"close_date", d.close_date.to_string()},
                     {"outcome", core::outcome_name(d.outcome)},
                     {"amount", d.amount ? json(*d.amount) : json(nullptr)},
                     {"competitors", d.competitors},
                     {"reasons", reasons},
                     {"why", pick.why},
                     {"selection", pick.selection()}});
  }
  json reviewed = json::array();
  for (const auto& done : plan.already_reviewed) {
    reviewed.push_back({{"line", done.deal->line},
                        {"id", done.deal->id},
                        {"account", done.deal->account},
                        {"close_date", done.deal->close_date.to_string()},
                        {"review", done.review->path}});
  }
  const json out = {{"quarter", plan.quarter.to_string()},
                    {"seed", plan.seed},
                    {"threshold", plan.threshold ? json(*plan.threshold) : json(nullptr)},
                    {"target", plan.target},
                    {"closed_deals", plan.closed_deals},
                    {"won_deals", plan.won_deals},
                    {"existing_reviews", plan.existing_reviews},
                    {"executives", plan.executives},
                    {"picks", picks},
                    {"already_reviewed", reviewed},
                    {"notes", plan.notes}};
  return out.dump(2) + "\n";
}

std::string plan_csv(const Plan& plan) {
  std::string out = csv_row({"rank", "id", "account", "owner", "close_date", "outcome", "amount",
                             "reasons", "why", "line"});
  std::size_t rank = 0;
  for (const auto& pick : plan.picks) {
    const Deal& d = *pick.deal;
    std::vector<std::string> reasons;
    for (const PickReason reason : pick.reasons) reasons.emplace_back(reason_key(reason));
    out += csv_row({std::to_string(++rank), d.id, d.account, d.owner, d.close_date.to_string(),
                    std::string(core::outcome_name(d.outcome)),
                    d.amount ? fmt::format("{}", *d.amount) : "",
                    fmt::format("{}", fmt::join(reasons, "; ")), pick.why, std::to_string(d.line)});
  }
  return out;
}

} // namespace review::site
