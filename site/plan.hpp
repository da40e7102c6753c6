// Choosing which closed deals to review in a quarter, from a CRM export: every
// account executive at least once, wins and losses both, every deal at or above a
// threshold, then a seeded random sample up to a target — never only the big losses.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/review.hpp"
#include "core/scaffold.hpp"
#include "site/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace review::site {

// The deal fields a plan reads, as keys of `plan.columns` in review.yaml.
enum class DealField { id, account, name, owner, close_date, stage, amount, currency, competitor };
std::string_view deal_field_key(DealField field); // "id", "account", "close_date", …

// `plan:` in review.yaml. Every key is optional.
struct PlanSettings {
  std::map<DealField, std::string> columns; // header names that replace the defaults
  std::optional<double> threshold;          // deals at or above it are always reviewed
  std::optional<std::size_t> target; // reviews wanted per quarter, those already written included
  std::optional<std::uint64_t> seed;
  std::vector<std::string> won_stages;  // added to the defaults (Closed Won, closedwon, Won)
  std::vector<std::string> lost_stages; // added to the defaults (Closed Lost, closedlost, Lost)
};

// Reads `plan:` from the config; throws core::Error "review.yaml:L:C: …" on wrong types.
PlanSettings plan_settings(const core::Config& config);

// One closed deal from the export.
struct Deal {
  std::size_t line = 0; // in the CSV file
  std::string id;
  std::string account;
  std::string name;
  std::string owner;
  std::string currency;
  std::vector<std::string> competitors;
  core::Date close_date;
  core::Outcome outcome = core::Outcome::won; // won or lost: open deals are not read
  std::optional<double> amount;
  core::FiscalQuarter quarter;
};

struct DealExport {
  char delimiter = ',';
  std::map<DealField, std::string> columns;        // the header name used for each field found
  std::vector<Deal> deals;                         // closed won or lost, in file order
  std::map<std::string, std::size_t> other_stages; // stages neither won nor lost, with their counts
  std::vector<CsvProblem> problems;                // bad rows, skipped
};

// Parses a CRM export. Columns are found by `settings.columns`, else by the names
// Salesforce and HubSpot use ("Opportunity Owner", "Deal owner", …), ignoring case.
// Dates: YYYY-MM-DD, M/D/YYYY, D.M.YYYY; day-first when a value says so (a first
// number above 12) or, failing that, in ';'-separated (European) exports, which also
// write amounts with decimal commas. Throws core::Error when a required column
// (account, owner, close date, stage) is missing, naming the columns it has.
DealExport read_deals(std::string_view csv_text, const PlanSettings& settings,
                      int fiscal_year_start_month);

enum class PickReason { executive, outcome_mix, above_threshold, random_sample };

struct Pick {
  const Deal* deal = nullptr;
  std::vector<PickReason> reasons; // the first is why it was picked; later rules it also meets
  std::string why;                 // the reasons as a sentence for people
  std::string
  selection() const; // the review's `selection` value: all-above-threshold or random-sample
};

struct AlreadyReviewed {
  const Deal* deal = nullptr;
  const core::Review* review = nullptr;
};

struct PlanRequest {
  std::optional<core::FiscalQuarter> quarter; // default: the latest quarter in the export
  std::optional<std::uint64_t> seed; // default: settings, then a number made from the quarter
  std::optional<double> threshold;   // default: settings; none means no amount rule
  std::optional<std::size_t> target; // default: settings, then two per account executive
};

struct Plan {
  core::FiscalQuarter quarter;
  std::uint64_t seed = 0;
  std::optional<double> threshold;
  std::size_t target = 0;
  std::size_t closed_deals = 0; // closed in the quarter
  std::size_t won_deals = 0;
  std::size_t existing_reviews = 0; // reviews in the repo for the quarter
  std::vector<std::string>
      executives; // owners of closed deals and authors of this quarter's reviews
  std::vector<AlreadyReviewed> already_reviewed;
  std::vector<Pick> picks;        // in the order the rules chose them
  std::vector<std::string> notes; // what the plan could not do, and why
  std::map<std::string, std::size_t>
      other_stages; // from the export: rows neither won nor lost, any quarter
};

// The rules, in order: (1) each account executive without a review in the quarter
// gets one of their deals; (2) a win and a loss when the quarter has none; (3) every
// deal at or above the threshold; (4) a seeded random sample up to the target.
// Deals matching a review (by `crm_id`, or account and close date) are never picked.
// The same export, reviews and seed always give the same plan, on every platform.
Plan make_plan(const DealExport& deals, std::span<const core::Review* const> reviews,
               const PlanSettings& settings, const PlanRequest& request);

// The fields `review new` would take for a picked deal.
core::NewReviewFields scaffold_fields(const Pick& pick, const core::Config& config);

// A uniform index in [0, bound) from the generator, by rejection sampling: unlike
// std::uniform_int_distribution its results are the same with every standard library.
std::size_t draw_index(std::mt19937_64& generator, std::size_t bound);

} // namespace review::site
