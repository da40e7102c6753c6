// Choosing reviews by their fields: the filters of `review list` (and of any page
// that wants the same subset), written once so that both agree.
#pragma once

#include "core/date.hpp"
#include "core/review.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace review::site {

// Every criterion set must hold. Text criteria ignore ASCII case and surrounding
// spaces; `competitor` matches `competitors` or `lost_to`, `factor` any ranked factor.
struct ReviewFilter {
  std::optional<core::Outcome> outcome;
  std::optional<core::FiscalQuarter> quarter;
  std::string ae;
  std::string competitor;
  std::string segment;
  std::string factor;
  std::optional<core::Date> since; // close_date on or after

  bool matches(const core::Review& review) const;
  bool empty() const;
};

// The filter's options as typed on a command line.
struct FilterText {
  std::string outcome;
  std::string quarter;
  std::string ae;
  std::string competitor;
  std::string segment;
  std::string factor;
  std::string since;
};

// Validates and converts; throws core::Error naming the option, what was expected
// and the nearest valid value ("--outcome must be won, lost or no-decision, got 'wn' —
// did you mean 'won'?").
ReviewFilter parse_filter(const FilterText& text);

std::vector<const core::Review*> filter_reviews(std::span<const core::Review* const> reviews,
                                                const ReviewFilter& filter);

// When nothing matched: hints for text criteria that no review has, with the nearest
// value that some review does have ("no review has account executive 'Zhang'; did you mean 'Zhang
// Qi'?").
std::vector<std::string> filter_hints(std::span<const core::Review* const> reviews,
                                      const ReviewFilter& filter);

} // namespace review::site
