// coverage (repo-level, off until review.yaml has a `roster`): every rostered
// account executive has at least one review in each fiscal quarter asked for
// (`review lint --quarter 2026Q3`, else the latest quarter with reviews), and each
// quarter holds wins as well as losses. Why: the cadence the method asks for is at
// least one review per account executive per quarter — not only the big losses at
// quarter end, when emotions are high and insight is low — and wins show what to repeat.
//   bad:  roster: [Zhang Qi, Maria Lopez] and 2026Q3 holds three losses by Zhang Qi
//   good: 2026Q3 holds a win and a loss by Zhang Qi and a win by Maria Lopez
// Findings point at the roster in review.yaml; only a run over the whole repo judges coverage.
#include "core/text.hpp"
#include "lint/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace review::lint {
namespace {

std::string person_key(std::string_view name) {
  return core::to_lower_ascii(core::trim(name));
}

std::string count_of(std::size_t count, std::string_view what) {
  return fmt::format("{} {} review{}", count, what, count == 1 ? "" : "s");
}

void check_quarter(std::span<const core::Review> reviews, core::FiscalQuarter quarter,
                   const RuleContext& context, const std::string& file, Findings& findings) {
  std::set<std::string> authors;
  std::size_t wins = 0;
  std::size_t losses = 0;
  std::size_t total = 0;
  for (const auto& review : reviews) {
    if (!review.quarter || *review.quarter != quarter) continue;
    ++total;
    if (review.account_executive.present) authors.insert(person_key(*review.account_executive));
    if (review.outcome.present && *review.outcome == core::Outcome::won) ++wins;
    if (review.outcome.present && *review.outcome == core::Outcome::lost) ++losses;
  }
  const std::string q = quarter.to_string();
  const core::YamlValue* roster = context.config.raw.find("roster");
  for (std::size_t i = 0; i < context.config.roster.size(); ++i) {
    const std::string& person = context.config.roster[i];
    if (authors.contains(person_key(person))) continue;
    core::Position where;
    if (roster != nullptr) {
      where = roster->position;
      for (const auto& item : roster->items) {
        if (item.is_scalar() && item.scalar == person) where = item.position;
      }
    }
    findings.report(file, where, fmt::format("{} has no review of a deal closed in {}", person, q),
                    "at least one review per account executive per quarter: pick a recent deal — a "
                    "win as readily as "
                    "a loss — and run `review new`");
  }
  if (total == 0) return; // each person above is already reported
  const core::Position where = roster != nullptr ? roster->position : core::Position{};
  if (wins == 0 || losses == 0) {
    findings.report(
        file, where,
        fmt::format("{} holds {} and {}", q, count_of(losses, "lost"), count_of(wins, "won")),
        wins == 0 ? "wins show what to repeat: review a won deal of the quarter too"
                  : "losses show what to change: review a lost deal of the quarter too");
  }
}

void check(std::span<const core::Review> reviews, const RuleContext& context, Findings& findings) {
  if (context.config.roster.empty() || !context.whole_repo) return;
  std::vector<core::FiscalQuarter> quarters = context.quarters;
  if (quarters.empty()) {
    std::optional<core::FiscalQuarter> latest;
    for (const auto& review : reviews) {
      if (review.quarter && (!latest || *review.quarter > *latest)) latest = review.quarter;
    }
    if (!latest) return;
    quarters.push_back(*latest);
  }
  const std::string file = context.config.file.empty()
                               ? std::string("review.yaml")
                               : context.config.display_path(context.config.file);
  for (const auto quarter : quarters) check_quarter(reviews, quarter, context, file, findings);
}

} // namespace

const Rule& coverage_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "coverage",
              .summary = "a rostered account executive with no review in the quarter, or a quarter "
                         "without wins or "
                         "without losses",
              .why = "The method's cadence is at least one review per account executive per "
                     "quarter — not only the "
                     "big deals lost at quarter end, when emotions are high and insight is low — "
                     "and wins as well "
                     "as losses: wins show what to repeat. Off until review.yaml lists a `roster`; "
                     "checks the "
                     "quarters given with `--quarter 2026Q3` (repeatable), else the latest quarter "
                     "with reviews, "
                     "and only when the whole repo is linted. Findings point at the roster in "
                     "review.yaml.",
              .bad_example = "# review.yaml\nroster: [Zhang Qi, Maria Lopez]\n# 2026Q3: three lost "
                             "reviews, all by "
                             "Zhang Qi",
              .good_example = "# review.yaml\nroster: [Zhang Qi, Maria Lopez]\n# 2026Q3: a win and "
                              "a loss by Zhang "
                              "Qi, a win by Maria Lopez",
              .options = "",
              .default_severity = core::Severity::warning,
              .repo_level = true,
          },
      .check_repo = &check,
  };
  return rule;
}

} // namespace review::lint
