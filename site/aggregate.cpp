#include "site/aggregate.hpp"

#include "core/config.hpp"
#include "core/text.hpp"
#include "site/cell_value.hpp"
#include "site/format.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

namespace review::site {
namespace {

// Rows keyed by name, sorted the way the header promises for that breakdown.
using Tally = std::map<std::string, OutcomeCounts, std::less<>>;

// The row named `key`, made when it is new: ten thousand reviews name a few hundred
// keys, and a string made per lookup cost more than the counting.
template <class Row>
Row& row_for(std::map<std::string, Row, std::less<>>& rows, std::string_view key) {
  auto found = rows.find(key);
  if (found == rows.end()) found = rows.emplace(std::string(key), Row{}).first;
  return found->second;
}

void add_to(Tally& tally, std::string_view key, const core::Review& review) {
  if (key.empty()) return;
  row_for(tally, key).add(review);
}

// Adds `value` to `values` unless it is there: for the few names of one review.
bool add_once(std::vector<std::string_view>& values, std::string_view value) {
  if (std::find(values.begin(), values.end(), value) != values.end()) return false;
  values.push_back(value);
  return true;
}

std::vector<Breakdown> by_name(const Tally& tally) {
  std::vector<Breakdown> rows;
  rows.reserve(tally.size());
  for (const auto& [key, counts] : tally) rows.push_back({key, counts});
  return rows;
}

// Most deals first; ties keep the map's name order (stable sort).
std::vector<Breakdown> by_size(const Tally& tally) {
  std::vector<Breakdown> rows = by_name(tally);
  std::stable_sort(rows.begin(), rows.end(), [](const Breakdown& a, const Breakdown& b) {
    return a.counts.total() > b.counts.total();
  });
  return rows;
}

bool is_decision_role(std::string_view role) {
  return role == "decision-maker" || role == "economic-buyer";
}

int status_rank(const ActionEntry& entry) {
  if (entry.overdue) return 0;
  switch (entry.action->status) {
  case core::ActionStatus::open:
    return 1;
  case core::ActionStatus::done:
    return 2;
  case core::ActionStatus::dropped:
    return 3;
  }
  return 3;
}

// The amount at or above which a deal counts as one of the largest: `plan.threshold`
// in review.yaml, the same number `review plan` picks every deal above.
std::optional<double> configured_threshold(const core::Config& config) {
  const core::YamlValue* plan = config.raw.find("plan");
  if (plan == nullptr) return std::nullopt;
  const core::YamlValue* threshold = plan->find("threshold");
  if (threshold == nullptr || !threshold->is_scalar()) return std::nullopt;
  return parse_amount(threshold->scalar);
}

bool is_large_deal(const core::Review& review, std::optional<double> threshold) {
  if (review.selection && *review.selection == "all-above-threshold") return true;
  return threshold && review.amount && *review.amount >= *threshold;
}

std::vector<std::string> quarter_notes(const CoverageCell& column,
                                       std::optional<double> threshold) {
  std::vector<std::string> notes;
  const OutcomeCounts& counts = column.counts;
  if (counts.total() == 0) return notes;
  if (counts.won == 0) notes.emplace_back("only losses");
  if (counts.won == counts.total()) notes.emplace_back("only wins");
  const bool all_large =
      std::all_of(column.reviews.begin(), column.reviews.end(),
                  [&](const core::Review* r) { return is_large_deal(*r, threshold); });
  if (all_large) {
    notes.push_back(threshold ? "only the largest deals (" + format_amount(*threshold) + " or more)"
                              : std::string("only the largest deals (all-above-threshold)"));
  }
  return notes;
}

} // namespace

double OutcomeCounts::win_rate() const {
  return total() == 0 ? 0.0 : static_cast<double>(won) / static_cast<double>(total());
}

double OutcomeCounts::amount_win_rate() const {
  const double all = amount_total();
  return all <= 0 ? 0.0 : amount_won / all;
}

void OutcomeCounts::add(const core::Review& review) {
  if (!review.outcome) return;
  const double amount = review.amount ? *review.amount : 0.0;
  switch (*review.outcome) {
  case core::Outcome::won:
    ++won;
    amount_won += amount;
    break;
  case core::Outcome::lost:
    ++lost;
    amount_lost += amount;
    break;
  case core::Outcome::no_decision:
    ++no_decision;
    amount_no_decision += amount;
    break;
  }
}

Insights compute_insights(std::span<const core::Review* const> reviews,
                          const core::Config& config) {
  Insights insights;
  std::map<core::FiscalQuarter, OutcomeCounts> quarters;
  Tally competitors, segments, regions, executives;
  std::map<std::string, FactorCounts, std::less<>> factors;
  std::map<std::string, RoleCounts, std::less<>> roles;
  std::map<core::PriceRole, OutcomeCounts> price_roles;

  std::vector<std::string_view> names; // of one review, reused
  for (const core::Review* review : reviews) {
    if (!review->outcome) continue;
    insights.totals.add(*review);
    if (review->quarter) quarters[*review->quarter].add(*review);

    // A competitor named in both lists is one deal against it, not two.
    names.clear();
    if (review->competitors)
      for (const auto& name : *review->competitors) add_once(names, core::trim(name));
    if (review->lost_to) add_once(names, core::trim(*review->lost_to));
    for (const std::string_view name : names) add_to(competitors, name, *review);

    if (review->segment) add_to(segments, *review->segment, *review);
    if (review->region) add_to(regions, *review->region, *review);
    if (review->account_executive) add_to(executives, *review->account_executive, *review);

    if (review->decision_factors) {
      names.clear();
      for (const auto& factor : *review->decision_factors) {
        if (factor.empty() || !add_once(names, factor)) continue;
        FactorCounts& row = row_for(factors, factor);
        if (row.factor.empty()) row.factor = factor;
        row.counts.add(*review);
        if (names.size() == 1) row.top.add(*review);
      }
    }

    bool decision_maker_outside = false;
    if (review->stakeholders) {
      for (const auto& person : *review->stakeholders) {
        if (person.role.empty() || !person.in_room) continue; // in or out unknown: not counted
        RoleCounts& row = row_for(roles, person.role);
        if (row.role.empty()) row.role = person.role;
        (*person.in_room ? row.in_room : row.outside).add(*review);
        if (!*person.in_room && is_decision_role(person.role)) decision_maker_outside = true;
      }
    }
    if (decision_maker_outside) insights.decision_maker_outside.add(*review);

    price_roles[review->price_role ? *review->price_role : core::PriceRole::unknown].add(*review);
  }

  for (const auto& [quarter, counts] : quarters)
    insights.by_quarter.push_back({quarter.to_string(), counts});
  insights.by_competitor = by_size(competitors);
  insights.by_segment = by_size(segments);
  insights.by_region = by_size(regions);
  insights.by_ae = by_name(executives);

  for (auto& [name, row] : factors) insights.factors.push_back(row);
  std::stable_sort(insights.factors.begin(), insights.factors.end(),
                   [](const FactorCounts& a, const FactorCounts& b) {
                     return a.counts.total() > b.counts.total();
                   });

  // The vocabulary's order first, then roles outside it (typos, a repo's own) by name.
  for (const auto& role : config.stakeholder_roles) {
    if (auto it = roles.find(role); it != roles.end()) {
      insights.roles.push_back(it->second);
      roles.erase(it);
    }
  }
  for (auto& [name, row] : roles) insights.roles.push_back(row);

  for (const auto role : {core::PriceRole::deciding, core::PriceRole::contributing,
                          core::PriceRole::not_a_factor, core::PriceRole::unknown}) {
    insights.price_roles.push_back({std::string(core::price_role_name(role)), price_roles[role]});
  }
  return insights;
}

std::vector<ActionEntry> collect_actions(std::span<const core::Review* const> reviews,
                                         core::Date today) {
  std::vector<ActionEntry> entries;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    for (const auto& action : reviews[i]->body.actions) {
      const bool overdue =
          action.status == core::ActionStatus::open && action.due && *action.due < today;
      entries.push_back({reviews[i], &action, overdue, i});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const ActionEntry& a, const ActionEntry& b) {
    const auto key = [](const ActionEntry& e) {
      return std::make_tuple(status_rank(e), !e.action->due.has_value(),
                             e.action->due.value_or(core::Date{}), std::string_view(e.review->id),
                             e.action->position.line, e.action->position.column);
    };
    return key(a) < key(b);
  });
  return entries;
}

bool Coverage::is_rostered(std::string_view executive) const {
  return std::find(roster.begin(), roster.end(), executive) != roster.end();
}

bool Coverage::is_gap(std::size_t executive, std::size_t quarter) const {
  return is_rostered(executives.at(executive)) && cells.at(executive).at(quarter).reviews.empty();
}

Coverage compute_coverage(std::span<const core::Review* const> reviews, const core::Config& config,
                          std::span<const core::FiscalQuarter> quarters) {
  Coverage coverage;
  coverage.roster = config.roster;
  if (coverage.roster.empty()) {
    std::set<std::string> everyone;
    for (const core::Review* review : reviews)
      if (review->account_executive && !review->account_executive->empty())
        everyone.insert(*review->account_executive);
    coverage.roster.assign(everyone.begin(), everyone.end());
    coverage.roster_from_reviews = true;
  }
  coverage.large_deal_threshold = configured_threshold(config);

  if (quarters.empty()) {
    std::optional<core::FiscalQuarter> first, last;
    for (const core::Review* review : reviews) {
      if (!review->quarter) continue;
      if (!first || *review->quarter < *first) first = review->quarter;
      if (!last || *review->quarter > *last) last = review->quarter;
    }
    if (first)
      for (auto q = *first; q <= *last; q = core::next_quarter(q)) coverage.quarters.push_back(q);
  } else {
    std::set<core::FiscalQuarter> unique(quarters.begin(), quarters.end());
    coverage.quarters.assign(unique.begin(), unique.end());
  }

  const auto quarter_index = [&](const core::FiscalQuarter& q) -> std::optional<std::size_t> {
    auto it = std::lower_bound(coverage.quarters.begin(), coverage.quarters.end(), q);
    if (it == coverage.quarters.end() || *it != q) return std::nullopt;
    return static_cast<std::size_t>(it - coverage.quarters.begin());
  };

  // Reviews in the quarters shown, by close date, so every cell lists them in order.
  std::vector<const core::Review*> shown;
  for (const core::Review* review : reviews) {
    if (review->quarter && review->account_executive && !review->account_executive->empty() &&
        quarter_index(*review->quarter))
      shown.push_back(review);
  }
  std::stable_sort(shown.begin(), shown.end(), [](const core::Review* a, const core::Review* b) {
    return std::tie(a->close_date.value, a->id) < std::tie(b->close_date.value, b->id);
  });

  coverage.executives = coverage.roster;
  std::set<std::string> others;
  for (const core::Review* review : shown)
    if (!coverage.is_rostered(*review->account_executive))
      others.insert(*review->account_executive);
  coverage.executives.insert(coverage.executives.end(), others.begin(), others.end());

  coverage.cells.assign(coverage.executives.size(),
                        std::vector<CoverageCell>(coverage.quarters.size()));
  std::vector<CoverageCell> columns(coverage.quarters.size());
  for (const core::Review* review : shown) {
    const auto row =
        static_cast<std::size_t>(std::find(coverage.executives.begin(), coverage.executives.end(),
                                           *review->account_executive) -
                                 coverage.executives.begin());
    const std::size_t column = *quarter_index(*review->quarter);
    for (CoverageCell* cell : {&coverage.cells[row][column], &columns[column]}) {
      cell->counts.add(*review);
      cell->reviews.push_back(review);
    }
  }

  for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
    auto notes = quarter_notes(columns[q], coverage.large_deal_threshold);
    if (!notes.empty()) coverage.notes[coverage.quarters[q]] = std::move(notes);
  }
  return coverage;
}

std::vector<const core::Review*> publishable(std::span<const core::Review> reviews,
                                             bool include_confidential) {
  std::vector<const core::Review*> kept;
  kept.reserve(reviews.size());
  for (const auto& review : reviews)
    if (include_confidential || !review.is_confidential()) kept.push_back(&review);
  return kept;
}

} // namespace review::site
