#include "site/plan.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "site/cell_value.hpp"
#include "site/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <set>
#include <utility>

namespace review::site {
namespace {

struct FieldSpec {
  DealField field;
  std::string_view key;
  bool required;
  std::vector<std::string_view> defaults; // header names in common exports, most specific first
};

// Salesforce opportunity reports and HubSpot deal exports, then plain names.
const std::array<FieldSpec, 9> k_fields = {{
    {DealField::id,
     "id",
     false,
     {"Opportunity ID", "Record ID", "Deal ID", "Opportunity 18 Digit ID", "ID"}},
    {DealField::account,
     "account",
     true,
     {"Account Name", "Associated Company", "Company Name", "Company", "Account"}},
    {DealField::name, "name", false, {"Opportunity Name", "Deal Name"}},
    {DealField::owner,
     "owner",
     true,
     {"Opportunity Owner", "Deal owner", "Account Executive", "Owner Name", "Owner", "Sales Rep"}},
    {DealField::close_date, "close_date", true, {"Close Date", "Closed Date", "Date Closed"}},
    {DealField::stage, "stage", true, {"Stage", "Deal Stage", "Opportunity Stage", "Status"}},
    {DealField::amount,
     "amount",
     false,
     {"Amount", "Amount (converted)", "Amount in company currency", "Deal Amount", "Total Amount"}},
    {DealField::currency,
     "currency",
     false,
     {"Opportunity Currency", "Currency", "Deal Currency Code"}},
    {DealField::competitor,
     "competitor",
     false,
     {"Competitor", "Competitors", "Primary Competitor", "Main Competitor"}},
}};

const std::vector<std::string> k_default_won_stages = {"Closed Won", "Won"};
const std::vector<std::string> k_default_lost_stages = {"Closed Lost", "Lost"};

// "Closed Won", "closedwon" and "closed_won" are the same stage; so are "Zhang Qi" and "zhang qi".
std::string match_key(std::string_view text) {
  return core::normalise_heading(text);
}

[[noreturn]] void config_error(const core::Config& config, const core::Position& at,
                               const std::string& message) {
  throw core::Error(
      fmt::format("{}:{}:{}: {}", config.display_path(config.file), at.line, at.column, message));
}

std::vector<std::string> read_list(const core::Config& config, const core::YamlValue& value,
                                   std::string_view key) {
  std::vector<std::string> items;
  if (value.is_scalar()) return {value.scalar};
  if (!value.is_sequence())
    config_error(
        config, value.position,
        fmt::format("plan.{} must be a list of stage names, got a {}", key, value.kind_name()));
  for (const auto& item : value.items) {
    if (!item.is_scalar())
      config_error(config, item.position,
                   fmt::format("plan.{} must list stage names, got a {}", key, item.kind_name()));
    items.push_back(item.scalar);
  }
  return items;
}

std::uint64_t read_whole_number(const core::Config& config, const core::YamlValue& value,
                                std::string_view key) {
  std::uint64_t number = 0;
  const std::string_view text =
      value.is_scalar() ? std::string_view(value.scalar) : std::string_view();
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    config_error(config, value.position,
                 fmt::format("plan.{} must be a whole number, got '{}'", key,
                             value.is_scalar() ? value.scalar : ""));
  return number;
}

std::string cell(const CsvRow& row, const std::map<DealField, std::size_t>& index,
                 DealField field) {
  const auto it = index.find(field);
  if (it == index.end()) return {};
  return std::string(core::trim(row.fields[it->second]));
}

// Day-first when some value can only be read that way, month-first when some value
// can only be read that way, else as the separator suggests.
DateOrder detect_date_order(const CsvTable& table, std::size_t column) {
  bool day_first = false;
  bool month_first = false;
  for (const auto& row : table.rows) {
    const std::string_view value = core::trim(row.fields[column]);
    const std::size_t first = value.find_first_of("/-.");
    if (first == std::string_view::npos || first > 2) continue; // ISO or not a date
    const std::size_t second = value.find_first_of("/-.", first + 1);
    if (second == std::string_view::npos) continue;
    int a = 0;
    int b = 0;
    std::from_chars(value.data(), value.data() + first, a);
    std::from_chars(value.data() + first + 1, value.data() + second, b);
    if (a > 12) day_first = true;
    if (b > 12) month_first = true;
  }
  if (day_first != month_first) return day_first ? DateOrder::day_first : DateOrder::month_first;
  return table.delimiter == ';' ? DateOrder::day_first : DateOrder::month_first;
}

// A value with both marks says which is decimal (the later one); else the file's convention.
std::optional<double> read_amount(std::string_view text, bool decimal_comma) {
  const std::size_t comma = text.rfind(',');
  const std::size_t point = text.rfind('.');
  if (comma != std::string_view::npos && point != std::string_view::npos)
    decimal_comma = comma > point;
  return parse_amount(text, decimal_comma);
}

std::vector<std::string> split_competitors(std::string_view text) {
  // Multi-select fields export as "LedgerCo;Reconify" in both CRMs.
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    const std::string_view name = core::trim(text.substr(start, end - start));
    if (!name.empty()) names.emplace_back(name);
    start = end + 1;
  }
  return names;
}

std::string reason_text(PickReason reason, const Deal& deal, const Plan& plan) {
  switch (reason) {
  case PickReason::executive:
    return fmt::format("{} has no review in {} yet", deal.owner, plan.quarter.to_string());
  case PickReason::outcome_mix:
    return deal.outcome == core::Outcome::won ? "a win, so the quarter has wins as well as losses"
                                              : "a loss, so the quarter has losses as well as wins";
  case PickReason::above_threshold:
    return fmt::format("{} is at or above the threshold of {}",
                       format_amount(deal.amount.value_or(0)),
                       format_amount(plan.threshold.value_or(0)));
  case PickReason::random_sample:
    return fmt::format("random sample (seed {})", plan.seed);
  }
  return {};
}

} // namespace

std::string_view deal_field_key(DealField field) {
  for (const auto& spec : k_fields)
    if (spec.field == field) return spec.key;
  return {};
}

PlanSettings plan_settings(const core::Config& config) {
  PlanSettings settings;
  const core::YamlValue* plan = config.raw.find("plan");
  if (plan == nullptr || plan->is_null()) return settings;
  if (!plan->is_map())
    config_error(config, plan->position,
                 fmt::format("plan must be a mapping, got a {}", plan->kind_name()));

  for (const auto& entry : plan->entries) {
    const core::YamlValue& value = entry.value;
    if (entry.key == "columns") {
      if (!value.is_map())
        config_error(config, value.position,
                     fmt::format("plan.columns must map fields to column names, got a {}",
                                 value.kind_name()));
      for (const auto& column : value.entries) {
        const auto spec = std::find_if(k_fields.begin(), k_fields.end(),
                                       [&](const FieldSpec& s) { return s.key == column.key; });
        if (spec == k_fields.end()) {
          std::vector<std::string> keys;
          for (const auto& s : k_fields) keys.emplace_back(s.key);
          std::string message = fmt::format("plan.columns has no field '{}'; the fields are {}",
                                            column.key, core::join_alternatives(keys, "and"));
          if (auto near = core::did_you_mean(column.key, keys))
            message += fmt::format(" — did you mean '{}'?", *near);
          config_error(config, column.key_position, message);
        }
        if (!column.value.is_scalar() || core::trim(column.value.scalar).empty())
          config_error(
              config, column.value.position,
              fmt::format("plan.columns.{} must be the column's name in the export's header",
                          column.key));
        settings.columns[spec->field] = std::string(core::trim(column.value.scalar));
      }
    } else if (entry.key == "threshold") {
      settings.threshold = value.is_scalar() ? parse_amount(value.scalar) : std::nullopt;
      if (!settings.threshold)
        config_error(
            config, value.position,
            fmt::format("plan.threshold must be an amount such as 250000, got '{}'", value.scalar));
    } else if (entry.key == "target") {
      settings.target = static_cast<std::size_t>(read_whole_number(config, value, "target"));
    } else if (entry.key == "seed") {
      settings.seed = read_whole_number(config, value, "seed");
    } else if (entry.key == "won_stages") {
      settings.won_stages = read_list(config, value, "won_stages");
    } else if (entry.key == "lost_stages") {
      settings.lost_stages = read_list(config, value, "lost_stages");
    } else {
      const std::vector<std::string> keys = {"columns", "threshold",  "target",
                                             "seed",    "won_stages", "lost_stages"};
      std::string message = fmt::format("plan has no setting '{}'; the settings are {}", entry.key,
                                        core::join_alternatives(keys, "and"));
      if (auto near = core::did_you_mean(entry.key, keys))
        message += fmt::format(" — did you mean '{}'?", *near);
      config_error(config, entry.key_position, message);
    }
  }
  return settings;
}

DealExport read_deals(std::string_view csv_text, const PlanSettings& settings,
                      int fiscal_year_start_month) {
  const CsvTable table = parse_csv(csv_text);
  DealExport result;
  result.delimiter = table.delimiter;
  result.problems = table.problems;

  std::map<std::string, std::size_t> header_index; // match key → column
  for (std::size_t i = 0; i < table.header.size(); ++i)
    header_index.emplace(match_key(table.header[i]), i);
  std::map<DealField, std::size_t> index;
  std::vector<std::string> missing;
  for (const auto& spec : k_fields) {
    std::vector<std::string> names;
    if (auto own = settings.columns.find(spec.field); own != settings.columns.end())
      names = {own->second};
    else
      names.assign(spec.defaults.begin(), spec.defaults.end());
    for (const auto& name : names) {
      if (auto it = header_index.find(match_key(name)); it != header_index.end()) {
        index[spec.field] = it->second;
        result.columns[spec.field] = table.header[it->second];
        break;
      }
    }
    if (spec.required && !index.contains(spec.field))
      missing.push_back(
          fmt::format("{} (looked for {})", spec.key, core::join_alternatives(names, "or")));
  }
  if (!missing.empty()) {
    std::vector<std::string> quoted;
    for (const auto& name : table.header) quoted.push_back("'" + name + "'");
    throw core::Error(fmt::format(
        "the export has no column for {}; its columns are {}. Name the right ones under "
        "plan: columns: in review.yaml, e.g. `owner: \"Sales Rep\"`",
        core::join_alternatives(missing, "and"), core::join_alternatives(quoted, "and")));
  }

  std::set<std::string> won;
  std::set<std::string> lost;
  for (const auto* list : {&k_default_won_stages, &settings.won_stages})
    for (const auto& stage : *list) won.insert(match_key(stage));
  for (const auto* list : {&k_default_lost_stages, &settings.lost_stages})
    for (const auto& stage : *list) lost.insert(match_key(stage));

  const DateOrder order = detect_date_order(table, index.at(DealField::close_date));
  const bool decimal_comma = table.delimiter == ';';
  result.deals.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    const auto problem = [&](std::string message) {
      result.problems.push_back({row.line, std::move(message)});
    };
    const std::string stage = cell(row, index, DealField::stage);
    const std::string stage_key = match_key(stage);
    Deal deal;
    if (won.contains(stage_key))
      deal.outcome = core::Outcome::won;
    else if (lost.contains(stage_key))
      deal.outcome = core::Outcome::lost;
    else {
      ++result.other_stages[stage];
      continue;
    }
    deal.line = row.line;
    deal.id = cell(row, index, DealField::id);
    deal.account = cell(row, index, DealField::account);
    deal.name = cell(row, index, DealField::name);
    deal.owner = cell(row, index, DealField::owner);
    deal.currency = cell(row, index, DealField::currency);
    deal.competitors = split_competitors(cell(row, index, DealField::competitor));
    if (deal.account.empty()) {
      problem(fmt::format("the account ('{}') is empty", result.columns.at(DealField::account)));
      continue;
    }
    if (deal.owner.empty()) {
      problem(
          fmt::format("the owner ('{}') is empty; every closed deal needs its account executive",
                      result.columns.at(DealField::owner)));
      continue;
    }
    const std::string date_text = cell(row, index, DealField::close_date);
    const auto date = parse_export_date(date_text, order);
    if (!date) {
      problem(fmt::format("the close date '{}' is not a date; expected YYYY-MM-DD, {}", date_text,
                          order == DateOrder::day_first ? "D/M/YYYY or D.M.YYYY"
                                                        : "M/D/YYYY or D.M.YYYY"));
      continue;
    }
    deal.close_date = *date;
    deal.quarter = core::fiscal_quarter(*date, fiscal_year_start_month);
    if (const std::string amount = cell(row, index, DealField::amount); !amount.empty()) {
      deal.amount = read_amount(amount, decimal_comma);
      if (!deal.amount) {
        problem(fmt::format("the amount '{}' is not a number; expected digits such as {}", amount,
                            decimal_comma ? "480.000,50" : "480,000.50"));
        continue;
      }
    }
    result.deals.push_back(std::move(deal));
  }
  return result;
}

std::size_t draw_index(std::mt19937_64& generator, std::size_t bound) {
  if (bound <= 1) return 0;
  const std::uint64_t range = bound;
  // Reject the top partial block so every index is equally likely.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
  std::uint64_t value = generator();
  while (value >= limit) value = generator();
  return static_cast<std::size_t>(value % range);
}

std::string Pick::selection() const {
  const bool large =
      std::find(reasons.begin(), reasons.end(), PickReason::above_threshold) != reasons.end();
  return large ? "all-above-threshold" : "random-sample";
}

Plan make_plan(const DealExport& deals, std::span<const core::Review* const> reviews,
               const PlanSettings& settings, const PlanRequest& request) {
  if (deals.deals.empty())
    throw core::Error(
        "the export has no closed won or lost deals to choose from; check the stage column "
        "(plan: won_stages / lost_stages in review.yaml)");
  Plan plan;
  if (request.quarter) {
    plan.quarter = *request.quarter;
  } else {
    plan.quarter = deals.deals.front().quarter;
    for (const auto& deal : deals.deals) plan.quarter = std::max(plan.quarter, deal.quarter);
  }
  plan.seed = request.seed.value_or(settings.seed.value_or(
      static_cast<std::uint64_t>(plan.quarter.year * 10 + plan.quarter.quarter)));
  plan.threshold = request.threshold ? request.threshold : settings.threshold;
  plan.other_stages = deals.other_stages;

  // What the repo already has: reviews of this quarter, and every review's deal keys.
  std::set<std::string> reviewed_owners;
  bool has_win = false;
  bool has_loss = false;
  std::set<std::string> executives;
  std::map<std::string, const core::Review*> by_crm_id;
  std::map<std::pair<std::string, core::Date>, const core::Review*> by_account_date;
  for (const core::Review* review : reviews) {
    if (review->crm_id && !core::trim(*review->crm_id).empty())
      by_crm_id.emplace(std::string(core::trim(*review->crm_id)), review);
    if (review->account && review->close_date)
      by_account_date.emplace(std::make_pair(match_key(*review->account), *review->close_date),
                              review);
    if (review->quarter != plan.quarter) continue;
    ++plan.existing_reviews;
    if (review->account_executive) {
      reviewed_owners.insert(match_key(*review->account_executive));
      executives.insert(*review->account_executive);
    }
    if (review->outcome) (*review->outcome == core::Outcome::won ? has_win : has_loss) = true;
  }

  std::vector<const Deal*> candidates;
  for (const auto& deal : deals.deals) {
    if (deal.quarter != plan.quarter) continue;
    ++plan.closed_deals;
    if (deal.outcome == core::Outcome::won) ++plan.won_deals;
    executives.insert(deal.owner);
    const core::Review* review = nullptr;
    if (!deal.id.empty())
      if (auto it = by_crm_id.find(deal.id); it != by_crm_id.end()) review = it->second;
    if (review == nullptr)
      if (auto it = by_account_date.find({match_key(deal.account), deal.close_date});
          it != by_account_date.end())
        review = it->second;
    if (review != nullptr)
      plan.already_reviewed.push_back({&deal, review});
    else
      candidates.push_back(&deal);
  }
  // Names that differ only in case or spacing are one person; keep the first spelling.
  std::set<std::string> seen_executives;
  for (const auto& name : executives)
    if (seen_executives.insert(match_key(name)).second) plan.executives.push_back(name);
  plan.target = request.target.value_or(settings.target.value_or(2 * plan.executives.size()));
  if (plan.closed_deals == 0)
    plan.notes.push_back(fmt::format("the export has no closed deal in {}; pick another --quarter",
                                     plan.quarter.to_string()));

  std::mt19937_64 generator(plan.seed);
  std::vector<int> pick_of(candidates.size(), -1); // candidate → index in plan.picks
  const auto pick = [&](std::size_t candidate, PickReason reason) {
    if (pick_of[candidate] >= 0) {
      plan.picks[static_cast<std::size_t>(pick_of[candidate])].reasons.push_back(reason);
      return;
    }
    pick_of[candidate] = static_cast<int>(plan.picks.size());
    plan.picks.push_back({candidates[candidate], {reason}, {}});
    if (candidates[candidate]->outcome == core::Outcome::won)
      has_win = true;
    else
      has_loss = true;
  };

  // (1) Every account executive at least once, in name order so draws are reproducible.
  std::map<std::string, std::vector<std::size_t>> by_owner;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    by_owner[match_key(candidates[i]->owner)].push_back(i);
  for (const auto& [owner, owned] : by_owner) {
    if (reviewed_owners.contains(owner)) continue;
    pick(owned[draw_index(generator, owned.size())], PickReason::executive);
  }

  // (2) Wins and losses both.
  for (const core::Outcome outcome : {core::Outcome::won, core::Outcome::lost}) {
    if (outcome == core::Outcome::won ? has_win : has_loss) continue;
    std::vector<std::size_t> pool;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (candidates[i]->outcome == outcome) pool.push_back(i);
    if (pool.empty()) {
      if (plan.closed_deals > 0)
        plan.notes.push_back(
            fmt::format("no {} deal in {} is left to review, so the plan has only {}",
                        outcome == core::Outcome::won ? "won" : "lost", plan.quarter.to_string(),
                        outcome == core::Outcome::won ? "losses" : "wins"));
      continue;
    }
    pick(pool[draw_index(generator, pool.size())], PickReason::outcome_mix);
  }

  // (3) Every deal at or above the threshold.
  if (plan.threshold) {
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (candidates[i]->amount && *candidates[i]->amount >= *plan.threshold)
        pick(i, PickReason::above_threshold);
  }

  // (4) A random sample of the rest up to the target (a partial Fisher-Yates shuffle).
  const std::size_t planned = plan.existing_reviews + plan.picks.size();
  if (planned > plan.target) {
    plan.notes.push_back(fmt::format(
        "the rules need {} reviews in {}, more than the target of {}; every one is kept", planned,
        plan.quarter.to_string(), plan.target));
  } else {
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (pick_of[i] < 0) rest.push_back(i);
    const std::size_t wanted = std::min(plan.target - planned, rest.size());
    for (std::size_t i = 0; i < wanted; ++i) {
      std::swap(rest[i], rest[i + draw_index(generator, rest.size() - i)]);
      pick(rest[i], PickReason::random_sample);
    }
  }

  for (auto& chosen : plan.picks) {
    std::vector<std::string> parts;
    for (const PickReason reason : chosen.reasons)
      parts.push_back(reason_text(reason, *chosen.deal, plan));
    chosen.why = fmt::format("{}", fmt::join(parts, "; "));
  }
  return plan;
}

core::NewReviewFields scaffold_fields(const Pick& pick, const core::Config& config) {
  const Deal& deal = *pick.deal;
  core::NewReviewFields fields;
  fields.outcome = std::string(core::outcome_name(deal.outcome));
  fields.account = deal.account;
  fields.account_executive = deal.owner;
  fields.close_date = deal.close_date;
  fields.title = deal.name;
  if (deal.amount) fields.amount = fmt::format("{}", *deal.amount);
  fields.currency = deal.currency;
  fields.competitors = deal.competitors;
  fields.crm_id = deal.id;
  fields.language = config.language;
  fields.selection = pick.selection();
  return fields;
}

} // namespace review::site
