#include "site/site_model.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <set>

namespace review::site {

const core::FileHistory* SiteModel::history_of(const core::Review& review) const {
  const auto it = history.find(review.path);
  return it == history.end() || it->second.revisions == 0 ? nullptr : &it->second;
}

const core::Review& SiteModel::in_full(std::size_t i, std::optional<core::Review>& holder) const {
  const std::filesystem::path& file = sources[i].file;
  if (file.empty() || !read_review) return *reviews[i];
  holder = read_review(file);
  return holder ? *holder : *reviews[i];
}

void derive(SiteModel& model) {
  const core::Config& config = *model.config;
  model.insights = compute_insights(model.reviews, config);
  model.actions = collect_actions(model.reviews, model.today);
  model.coverage = compute_coverage(model.reviews, config);

  // One currency on the totals only when every review with an amount agrees.
  std::set<std::string> currencies;
  for (const auto* review : model.reviews) {
    if (review->amount && review->currency && !review->currency->empty())
      currencies.insert(*review->currency);
  }
  model.currency = currencies.size() == 1 ? *currencies.begin() : std::string();

  std::set<std::string> seen;
  model.teams.clear();
  for (const auto& team : config.teams) {
    if (seen.insert(team).second) model.teams.push_back(team);
  }
  std::set<std::string> others;
  for (const auto& entry : model.actions) {
    if (!seen.contains(entry.action->team)) others.insert(entry.action->team);
  }
  model.teams.insert(model.teams.end(), others.begin(), others.end());

  model.team_slugs.clear();
  std::set<std::string> used;
  for (const auto& team : model.teams) {
    std::string base = team.empty() ? std::string("unassigned") : core::slugify(team);
    // "index" is the board itself; a repeated slug gets a number.
    if (base == "index") base = "team-index";
    std::string slug = base;
    for (int n = 2; used.contains(slug); ++n) slug = base + "-" + std::to_string(n);
    used.insert(slug);
    model.team_slugs[team] = slug;
  }
}

bool is_known_key(std::string_view key) {
  static const std::set<std::string, std::less<>> k_known = {"schema",
                                                             "title",
                                                             "account",
                                                             "outcome",
                                                             "lost_to",
                                                             "competitors",
                                                             "close_date",
                                                             "review_date",
                                                             "account_executive",
                                                             "amount",
                                                             "currency",
                                                             "segment",
                                                             "region",
                                                             "buyer_interviewed",
                                                             "evidence",
                                                             "stakeholders",
                                                             "decision_factors",
                                                             "price_role",
                                                             "price_evidence",
                                                             "selection",
                                                             "confidential",
                                                             "crm_id"};
  return k_known.contains(key);
}

} // namespace review::site
