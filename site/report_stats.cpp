// `review stats`: the insights page's numbers as terminal tables with bars, JSON and CSV.
#include "core/text.hpp"
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

constexpr std::size_t k_bar_width = 20;

json counts_json(const OutcomeCounts& c) {
  return {{"won", c.won},
          {"lost", c.lost},
          {"no_decision", c.no_decision},
          {"total", c.total()},
          {"amount_won", c.amount_won},
          {"amount_lost", c.amount_lost},
          {"amount_no_decision", c.amount_no_decision},
          {"amount_total", c.amount_total()},
          {"win_rate", c.win_rate()},
          {"amount_win_rate", c.amount_win_rate()}};
}

json breakdown_json(const std::vector<Breakdown>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    json item = counts_json(row.counts);
    item["key"] = row.key;
    out.push_back(std::move(item));
  }
  return out;
}

std::string count_text(int value) {
  return std::to_string(value);
}

// "3 won, 1 lost, 1 no-decision", leaving out zeros.
std::string outcome_sentence(const OutcomeCounts& c) {
  std::vector<std::string> parts;
  if (c.won > 0) parts.push_back(fmt::format("{} won", c.won));
  if (c.lost > 0) parts.push_back(fmt::format("{} lost", c.lost));
  if (c.no_decision > 0) parts.push_back(fmt::format("{} no-decision", c.no_decision));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

const std::vector<Breakdown>& rows_for(const Insights& insights, StatsBy by) {
  switch (by) {
  case StatsBy::competitor:
    return insights.by_competitor;
  case StatsBy::segment:
    return insights.by_segment;
  case StatsBy::ae:
    return insights.by_ae;
  default:
    return insights.by_quarter;
  }
}

std::string_view key_header(StatsBy by) {
  switch (by) {
  case StatsBy::competitor:
    return "COMPETITOR";
  case StatsBy::segment:
    return "SEGMENT";
  case StatsBy::ae:
    return "EXECUTIVE";
  default:
    return "QUARTER";
  }
}

// Win rate by count and by amount per row, with the count's rate as a bar.
std::string breakdown_table(const std::vector<Breakdown>& rows, std::string_view key,
                            std::size_t width) {
  TextTable table({{std::string(key), Align::left, 1},
                   {"REVIEWS", Align::right},
                   {"WON", Align::right},
                   {"LOST", Align::right},
                   {"NO-DEC", Align::right},
                   {"WIN RATE", Align::right},
                   {""},
                   {"AMOUNT", Align::right},
                   {"BY AMOUNT", Align::right}});
  for (const auto& row : rows) {
    const OutcomeCounts& c = row.counts;
    table.add_row({row.key, count_text(c.total()), count_text(c.won), count_text(c.lost),
                   count_text(c.no_decision), format_percent(c.win_rate()),
                   pad_to_width(bar(c.win_rate(), 1.0, k_bar_width), k_bar_width),
                   format_amount(c.amount_total()), format_percent(c.amount_win_rate())});
  }
  return table.render(width);
}

std::string factors_table(const Insights& insights, std::size_t width) {
  int most = 0;
  for (const auto& f : insights.factors) most = std::max(most, f.counts.total());
  TextTable table({{"FACTOR", Align::left, 1},
                   {"NAMED", Align::right},
                   {"WON", Align::right},
                   {"LOST", Align::right},
                   {"NO-DEC", Align::right},
                   {"RANKED FIRST", Align::right},
                   {""}});
  for (const auto& f : insights.factors) {
    table.add_row({f.factor, count_text(f.counts.total()), count_text(f.counts.won),
                   count_text(f.counts.lost), count_text(f.counts.no_decision),
                   count_text(f.top.total()), bar(f.counts.total(), most, k_bar_width)});
  }
  return table.render(width);
}

std::string price_table(const Insights& insights, std::size_t width) {
  int most = 0;
  for (const auto& row : insights.price_roles) most = std::max(most, row.counts.total());
  TextTable table({{"PRICE ROLE"},
                   {"REVIEWS", Align::right},
                   {"WON", Align::right},
                   {"LOST", Align::right},
                   {"NO-DEC", Align::right},
                   {""}});
  for (const auto& row : insights.price_roles) {
    const OutcomeCounts& c = row.counts;
    table.add_row({row.key, count_text(c.total()), count_text(c.won), count_text(c.lost),
                   count_text(c.no_decision), bar(c.total(), most, k_bar_width)});
  }
  return table.render(width);
}

std::string roles_table(const Insights& insights, std::size_t width) {
  const auto split = [](const OutcomeCounts& c) {
    return fmt::format("{} / {} / {}", c.won, c.lost, c.no_decision);
  };
  TextTable table({{"ROLE", Align::left, 1},
                   {"IN THE ROOM", Align::right},
                   {"OUTSIDE", Align::right},
                   {"IN: WON / LOST / NO-DEC", Align::right},
                   {"OUTSIDE: WON / LOST / NO-DEC", Align::right}});
  for (const auto& row : insights.roles) {
    table.add_row({row.role, count_text(row.in_room.total()), count_text(row.outside.total()),
                   split(row.in_room), split(row.outside)});
  }
  return table.render(width);
}

std::string overview(const Insights& insights, std::size_t width) {
  const OutcomeCounts& t = insights.totals;
  std::string out = fmt::format("Reviews: {} ({})\n", t.total(), outcome_sentence(t));
  out += fmt::format("Win rate: {} of deals ({} of {}), {} of the amount ({} of {})\n",
                     format_percent(t.win_rate()), t.won, t.total(),
                     format_percent(t.amount_win_rate()), format_amount(t.amount_won),
                     format_amount(t.amount_total()));
  out += fmt::format("Decision maker or economic buyer outside the room: {} of {} reviews ({})\n",
                     insights.decision_maker_outside.total(), t.total(),
                     outcome_sentence(insights.decision_maker_outside));
  out += "\nWin rate by quarter\n" + breakdown_table(insights.by_quarter, "QUARTER", width);
  out += "\nDecision factors, by outcome\n" + factors_table(insights, width);
  out += "\nRole of price, by outcome\n" + price_table(insights, width);
  out += "\nInfluential roles in and outside the room (stakeholders, by the deal's outcome)\n" +
         roles_table(insights, width);
  return out;
}

} // namespace

std::optional<StatsBy> parse_stats_by(std::string_view text) {
  if (text == "quarter") return StatsBy::quarter;
  if (text == "competitor") return StatsBy::competitor;
  if (text == "segment") return StatsBy::segment;
  if (text == "ae") return StatsBy::ae;
  if (text == "factor") return StatsBy::factor;
  return std::nullopt;
}

std::string stats_table(const Insights& insights, StatsBy by, std::size_t width) {
  if (insights.totals.total() == 0) return "No reviews with an outcome to count.\n";
  switch (by) {
  case StatsBy::overview:
    return overview(insights, width);
  case StatsBy::factor:
    return factors_table(insights, width);
  default:
    return breakdown_table(rows_for(insights, by), key_header(by), width);
  }
}

std::string stats_json(const Insights& insights) {
  json factors = json::array();
  for (const auto& f : insights.factors)
    factors.push_back({{"factor", f.factor},
                       {"counts", counts_json(f.counts)},
                       {"ranked_first", counts_json(f.top)}});
  json roles = json::array();
  for (const auto& r : insights.roles)
    roles.push_back({{"role", r.role},
                     {"in_room", counts_json(r.in_room)},
                     {"outside", counts_json(r.outside)}});
  const json out = {{"totals", counts_json(insights.totals)},
                    {"by_quarter", breakdown_json(insights.by_quarter)},
                    {"by_competitor", breakdown_json(insights.by_competitor)},
                    {"by_segment", breakdown_json(insights.by_segment)},
                    {"by_region", breakdown_json(insights.by_region)},
                    {"by_ae", breakdown_json(insights.by_ae)},
                    {"factors", factors},
                    {"roles", roles},
                    {"price_roles", breakdown_json(insights.price_roles)},
                    {"decision_maker_outside", counts_json(insights.decision_maker_outside)}};
  return out.dump(2) + "\n";
}

std::string stats_csv(const Insights& insights, StatsBy by) {
  const auto rate = [](double value) { return fmt::format("{:.4f}", value); };
  if (by == StatsBy::factor) {
    std::string out =
        csv_row({"factor", "named", "won", "lost", "no_decision", "ranked_first",
                 "ranked_first_won", "ranked_first_lost", "ranked_first_no_decision"});
    for (const auto& f : insights.factors) {
      out += csv_row({f.factor, count_text(f.counts.total()), count_text(f.counts.won),
                      count_text(f.counts.lost), count_text(f.counts.no_decision),
                      count_text(f.top.total()), count_text(f.top.won), count_text(f.top.lost),
                      count_text(f.top.no_decision)});
    }
    return out;
  }
  const std::string key =
      by == StatsBy::ae ? "account_executive" : core::to_lower_ascii(key_header(by));
  std::string out = csv_row({key, "reviews", "won", "lost", "no_decision", "win_rate",
                             "amount_total", "amount_won", "amount_win_rate"});
  for (const auto& row : rows_for(insights, by)) {
    const OutcomeCounts& c = row.counts;
    out +=
        csv_row({row.key, count_text(c.total()), count_text(c.won), count_text(c.lost),
                 count_text(c.no_decision), rate(c.win_rate()), fmt::format("{}", c.amount_total()),
                 fmt::format("{}", c.amount_won), rate(c.amount_win_rate())});
  }
  return out;
}

} // namespace review::site
