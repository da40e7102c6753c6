// The numbers behind the site's pages and the terminal commands (`stats`,
// `coverage`, `actions`): one implementation, so both always agree.
#pragma once

#include "core/date.hpp"
#include "core/markdown.hpp"
#include "core/review.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace review::site {

struct OutcomeCounts {
  int won = 0;
  int lost = 0;
  int no_decision = 0;
  double amount_won = 0; // sums of `amount`; reviews without one add 0
  double amount_lost = 0;
  double amount_no_decision = 0;

  int total() const { return won + lost + no_decision; }
  double amount_total() const { return amount_won + amount_lost + amount_no_decision; }
  // Won over all reviewed deals (a no-decision is a deal lost to the status quo); 0 when empty.
  double win_rate() const;
  double amount_win_rate() const;
  void add(const core::Review& review);
};

// One row of a breakdown: a quarter, a competitor, a segment, an account executive…
struct Breakdown {
  std::string key;
  OutcomeCounts counts;
};

// How often a decision factor was named, by outcome; `top` counts it ranked first.
struct FactorCounts {
  std::string factor;
  OutcomeCounts counts;
  OutcomeCounts top;
};

// Stakeholders of a role, in or outside the room, by the review's outcome.
struct RoleCounts {
  std::string role;
  OutcomeCounts in_room;
  OutcomeCounts outside; // in_room: false
};

struct Insights {
  OutcomeCounts totals;
  std::vector<Breakdown> by_quarter; // ascending quarter ("2026Q3")
  std::vector<Breakdown>
      by_competitor; // every name in competitors or lost_to; most deals first, then name
  std::vector<Breakdown> by_segment; // most deals first, then name; "" rows are left out
  std::vector<Breakdown> by_region;
  std::vector<Breakdown> by_ae;      // account executives, by name
  std::vector<FactorCounts> factors; // most-named first, then name
  std::vector<RoleCounts> roles;     // in the vocabulary's order, roles never named left out
  std::vector<Breakdown>
      price_roles; // deciding, contributing, not-a-factor, unknown (unset counts as unknown)
  // Reviews whose decision maker or economic buyer was outside the room, by outcome.
  OutcomeCounts decision_maker_outside;
};

// Reviews without an outcome are skipped. Amounts are summed as written (one currency assumed).
Insights compute_insights(std::span<const core::Review* const> reviews, const core::Config& config);

struct ActionEntry {
  const core::Review* review = nullptr;
  const core::Action* action = nullptr;
  bool overdue = false;         // open and due before `today`
  std::size_t review_index = 0; // of `review` in the reviews collect_actions was given
};

// Every action of every review: overdue first, then open, done, dropped; within
// each, by due date (none last), then review id, then position.
std::vector<ActionEntry> collect_actions(std::span<const core::Review* const> reviews,
                                         core::Date today);

struct CoverageCell {
  OutcomeCounts counts;
  std::vector<const core::Review*> reviews; // by close date
};

struct Coverage {
  std::vector<core::FiscalQuarter>
      quarters; // every quarter from the first review to the last (or those asked for)
  std::vector<std::string>
      executives; // the roster first (in its order), then anyone else with a review, by name
  std::vector<std::vector<CoverageCell>> cells; // [executive][quarter]
  // Per quarter: notes such as "only losses were reviewed", "only wins", "only deals above 250000".
  std::map<core::FiscalQuarter, std::vector<std::string>> notes;

  bool is_rostered(std::string_view executive) const;
  // A rostered executive with no review in that quarter.
  bool is_gap(std::size_t executive, std::size_t quarter) const;

  // config.roster; when that is empty, everyone with a review in any quarter
  // (roster_from_reviews), so a repo without a roster still sees its gaps.
  std::vector<std::string> roster;
  bool roster_from_reviews = false;
  // `plan.threshold` from review.yaml: reviews at or above it (or with
  // `selection: all-above-threshold`) count as "the largest deals" in the notes.
  std::optional<double> large_deal_threshold;
};

// `quarters` empty: the span of quarters the reviews cover.
Coverage compute_coverage(std::span<const core::Review* const> reviews, const core::Config& config,
                          std::span<const core::FiscalQuarter> quarters = {});

// The reviews that go on public pages: confidential ones left out unless asked for.
std::vector<const core::Review*> publishable(std::span<const core::Review> reviews,
                                             bool include_confidential);

} // namespace review::site
