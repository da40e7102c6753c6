#include "site/query.hpp"

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

namespace review::site {
namespace {

bool same_text(std::string_view a, std::string_view b) {
  return core::to_lower_ascii(core::trim(a)) == core::to_lower_ascii(core::trim(b));
}

bool any_same(const std::vector<std::string>& values, std::string_view wanted) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return same_text(v, wanted); });
}

std::vector<std::string> competitors_of(const core::Review& review) {
  std::vector<std::string> names;
  if (review.competitors) names = *review.competitors;
  if (review.lost_to) names.push_back(*review.lost_to);
  return names;
}

// One text criterion: its flag, what the user typed, and the values a review has for it.
struct TextCriterion {
  std::string_view label;
  const std::string& wanted;
  std::function<std::vector<std::string>(const core::Review&)> values;
};

std::vector<TextCriterion> text_criteria(const ReviewFilter& filter) {
  const auto single = [](const core::Field<std::string> core::Review::*field) {
    return [field](const core::Review& r) {
      const auto& value = r.*field;
      return value ? std::vector<std::string>{*value} : std::vector<std::string>{};
    };
  };
  return {
      {"account executive", filter.ae, single(&core::Review::account_executive)},
      {"competitor", filter.competitor, competitors_of},
      {"segment", filter.segment, single(&core::Review::segment)},
      {"decision factor", filter.factor,
       [](const core::Review& r) {
         return r.decision_factors ? *r.decision_factors : std::vector<std::string>{};
       }},
  };
}

} // namespace

bool ReviewFilter::matches(const core::Review& review) const {
  if (outcome && (!review.outcome || *review.outcome != *outcome)) return false;
  if (quarter && (!review.quarter || *review.quarter != *quarter)) return false;
  if (since && (!review.close_date || *review.close_date < *since)) return false;
  for (const auto& criterion : text_criteria(*this)) {
    if (!criterion.wanted.empty() && !any_same(criterion.values(review), criterion.wanted))
      return false;
  }
  return true;
}

bool ReviewFilter::empty() const {
  return !outcome && !quarter && !since && ae.empty() && competitor.empty() && segment.empty() &&
         factor.empty();
}

ReviewFilter parse_filter(const FilterText& text) {
  ReviewFilter filter;
  if (!text.outcome.empty()) {
    filter.outcome = core::parse_outcome(core::to_lower_ascii(core::trim(text.outcome)));
    if (!filter.outcome) {
      std::string message =
          fmt::format("--outcome must be won, lost or no-decision, got '{}'", text.outcome);
      if (auto near = core::did_you_mean(text.outcome, core::k_outcomes))
        message += fmt::format(" — did you mean '{}'?", *near);
      throw core::Error(message);
    }
  }
  if (!text.quarter.empty()) {
    filter.quarter = core::parse_quarter(core::trim(text.quarter));
    if (!filter.quarter)
      throw core::Error(
          fmt::format("--quarter must be a fiscal quarter such as 2026Q3, got '{}'", text.quarter));
  }
  if (!text.since.empty()) {
    filter.since = core::parse_iso_date(core::trim(text.since));
    if (!filter.since)
      throw core::Error(fmt::format(
          "--since must be a date written YYYY-MM-DD, such as 2026-07-01, got '{}'", text.since));
  }
  filter.ae = core::trim(text.ae);
  filter.competitor = core::trim(text.competitor);
  filter.segment = core::trim(text.segment);
  filter.factor = core::trim(text.factor);
  return filter;
}

std::vector<const core::Review*> filter_reviews(std::span<const core::Review* const> reviews,
                                                const ReviewFilter& filter) {
  std::vector<const core::Review*> kept;
  for (const core::Review* review : reviews)
    if (filter.matches(*review)) kept.push_back(review);
  return kept;
}

std::vector<std::string> filter_hints(std::span<const core::Review* const> reviews,
                                      const ReviewFilter& filter) {
  std::vector<std::string> hints;
  for (const auto& criterion : text_criteria(filter)) {
    if (criterion.wanted.empty()) continue;
    std::set<std::string> known;
    for (const core::Review* review : reviews)
      for (auto& value : criterion.values(*review)) known.insert(std::move(value));
    if (any_same({known.begin(), known.end()}, criterion.wanted)) continue;
    std::string hint = fmt::format("no review has {} '{}'", criterion.label, criterion.wanted);
    const std::vector<std::string> candidates(known.begin(), known.end());
    std::optional<std::string> near = core::did_you_mean(criterion.wanted, candidates);
    if (!near) {
      // A first name alone ("Zhang") is a likely way to ask for "Zhang Qi".
      const auto prefixed =
          std::find_if(candidates.begin(), candidates.end(), [&](const std::string& candidate) {
            return core::starts_with_ci(candidate, criterion.wanted);
          });
      if (prefixed != candidates.end()) near = *prefixed;
    }
    if (near) hint += fmt::format("; did you mean '{}'?", *near);
    hints.push_back(hint);
  }
  return hints;
}

} // namespace review::site
