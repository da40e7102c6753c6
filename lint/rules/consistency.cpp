// consistency: front-matter values that contradict each other or the file's place:
// the same id twice in the repo, a path that does not match close_date
// (reviews/<YYYY>/<close-date>-<account>.md), lost_to on a deal that was not lost,
// price_role `contributing` without price_evidence, a review written long after the
// close. Why: ids and paths are how reviews link to each other and sort by date, and
// recall fades within weeks, so a late review records reconstruction, not memory.
//   bad:  reviews/2026/2026-08-15-northwind-pay.md with close_date: 2026-08-14
//   good: reviews/2026/2026-08-14-northwind-pay.md with close_date: 2026-08-14
#include "core/date.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_map>

namespace review::lint {
namespace {

constexpr long k_default_max_delay_days = 30;
constexpr std::array<std::string_view, 1> k_option_keys = {"max_review_delay_days"};

// "2026-08-15-northwind-pay" → "northwind-pay"; a stem without a date prefix is kept.
std::string_view without_date_prefix(std::string_view stem) {
  if (stem.size() > 11 && stem[10] == '-' && core::parse_iso_date(stem.substr(0, 10)))
    return stem.substr(11);
  return stem;
}

void check_path(const core::Review& review, const RuleContext& context, Findings& findings) {
  if (!review.close_date.present) return;
  // Files outside the reviews folder (named on the command line) keep their own names.
  const std::string prefix =
      std::filesystem::path(context.config.reviews_dir).generic_string() + "/";
  if (!review.path.starts_with(prefix)) return;
  const std::filesystem::path path(review.path);
  const std::string date = review.close_date->to_string();
  const std::string year = std::to_string(review.close_date->year);
  const std::string stem = path.stem().string();
  const std::string expected_name =
      fmt::format("{}-{}{}", date, without_date_prefix(stem), path.extension().string());
  // reviews/2025/x.md and reviews/x.md both belong in reviews/<close year>/.
  std::filesystem::path base = path.parent_path();
  const std::string folder = base.filename().string();
  if (folder.size() == 4 &&
      std::all_of(folder.begin(), folder.end(), [](char c) { return c >= '0' && c <= '9'; }))
    base = base.parent_path();
  const std::string where = (base / year / expected_name).generic_string();
  if (where == review.path) return;
  std::string message = path.filename() != expected_name
                            ? fmt::format("the file name does not start with close_date '{}'", date)
                            : fmt::format("the review closed in {} but sits in '{}/'", year,
                                          path.parent_path().generic_string());
  findings.report(review.path, review.close_date.position, std::move(message),
                  fmt::format("reviews live at reviews/<YYYY>/<close-date>-<account>.md: rename it "
                              "with `git mv {} {}`, "
                              "or correct close_date if the file name is right",
                              review.path, where));
}

void check_quarter(const core::Review& review, Findings& findings) {
  const core::YamlValue* written = review.front_matter.find("quarter");
  if (written == nullptr || !written->is_scalar() || !review.quarter) return;
  const auto quarter = core::parse_quarter(written->scalar);
  if (quarter && *quarter == *review.quarter) return;
  findings.report(
      review.path, written->position,
      fmt::format("'quarter' says '{}' but close_date {} falls in {}", written->scalar,
                  review.close_date->to_string(), review.quarter->to_string()),
      "the quarter is derived from close_date and the fiscal year start in review.yaml; remove "
      "'quarter', or correct close_date");
}

void check_lost_to(const core::Review& review, Findings& findings) {
  if (!review.lost_to.present || !review.outcome.present || *review.outcome == core::Outcome::lost)
    return;
  findings.report(
      review.path, review.lost_to.position,
      fmt::format("'lost_to' is only for lost deals, and this review's outcome is '{}'",
                  core::outcome_name(*review.outcome)),
      "remove lost_to, or set `outcome: lost` if the deal went to someone else; other options the "
      "customer weighed go in competitors");
}

void check_price_evidence(const core::Review& review, Findings& findings) {
  // `deciding` without evidence is the price-only rule's finding: price as the reflexive reason.
  if (!review.price_role.present || *review.price_role != core::PriceRole::contributing) return;
  if (review.price_evidence.present) return;
  const core::Position where = review.price_evidence.position.line > 0
                                   ? review.price_evidence.position
                                   : review.price_role.position;
  findings.report(
      review.path, where, "price_role is 'contributing' but price_evidence is empty",
      "write who said what about price, in their words: `price_evidence: \"CFO: 3-year cost ~12% "
      "higher; it mattered less than the audit trail\"`");
}

void check_review_date(const core::Review& review, const RuleContext& context, Findings& findings) {
  if (!review.review_date.present || !review.close_date.present) return;
  const long days = review.review_date->days_since_epoch() - review.close_date->days_since_epoch();
  if (days < 0) {
    findings.report(review.path, review.review_date.position,
                    fmt::format("review_date {} is before close_date {}",
                                review.review_date->to_string(), review.close_date->to_string()),
                    "a review looks back at a closed deal; check both dates");
    return;
  }
  const long limit =
      option_integer(context.options, "max_review_delay_days", k_default_max_delay_days);
  if (days <= limit) return;
  findings.report_as(
      core::Severity::warning, review.path, review.review_date.position,
      fmt::format(
          "the review was written {} days after the close ({} → {}); recall fades after {} days",
          days, review.close_date->to_string(), review.review_date->to_string(), limit),
      "review deals within two weeks of the close, while the buyer still remembers why; if the "
      "date "
      "is a typo, correct review_date");
}

void check_file(const core::Review& review, const RuleContext& context, Findings& findings) {
  check_path(review, context, findings);
  check_quarter(review, findings);
  check_lost_to(review, findings);
  check_price_evidence(review, findings);
  check_review_date(review, context, findings);
}

// Ids are file stems: one pass over every review path of the repo, one lookup per linted review.
void check_repo(std::span<const core::Review> reviews, const RuleContext& context,
                Findings& findings) {
  std::unordered_map<std::string, std::vector<const std::string*>> paths_by_id;
  paths_by_id.reserve(context.repo_paths.size());
  for (const auto& path : context.repo_paths)
    paths_by_id[std::filesystem::path(path).stem().string()].push_back(&path);
  for (const auto& review : reviews) {
    const auto it = paths_by_id.find(review.id);
    if (it == paths_by_id.end() || it->second.size() < 2) continue;
    std::string others;
    for (const std::string* path : it->second) {
      if (*path == review.path) continue;
      others += (others.empty() ? "" : ", ") + *path;
    }
    findings.report(review.path, core::Position{1, 1},
                    fmt::format("another review has the same id '{}': {}", review.id, others),
                    "a review's id is its file name and must be unique in the repo: add the "
                    "account or the deal "
                    "to one of the names");
  }
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_integer_option(options, "consistency", "max_review_delay_days", 1, config_file, findings);
}

} // namespace

const Rule& consistency_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "consistency",
              .summary = "the same id twice, a path that does not match close_date, lost_to on a "
                         "deal not lost, "
                         "price evidence missing, a review written long after the close",
              .why =
                  "Reviews link to each other by path and sort by date, so the file has to sit at "
                  "reviews/<YYYY>/<close-date>-<account>.md and its id (the file name) must be "
                  "unique. lost_to "
                  "only makes sense on a loss. When price contributed, record who said so. And "
                  "recall fades: a "
                  "review written more than a month after the close records reconstruction, not "
                  "memory.",
              .bad_example =
                  "# reviews/2026/2026-08-15-northwind-pay.md\noutcome: won\nlost_to: LedgerCo\n"
                  "close_date: 2026-08-14\nreview_date: 2026-11-02\nprice_role: contributing",
              .good_example =
                  "# reviews/2026/2026-08-14-northwind-pay.md\noutcome: lost\nlost_to: LedgerCo\n"
                  "close_date: 2026-08-14\nreview_date: 2026-08-29\nprice_role: contributing\n"
                  "price_evidence: \"CFO: 3-year cost ~12% higher; it mattered less than the audit "
                  "trail\"",
              .options = "max_review_delay_days: days after close_date before a review counts as "
                         "late (default 30)",
              .default_severity = core::Severity::error,
          },
      .check_file = &check_file,
      .check_repo = &check_repo,
      .option_keys = k_option_keys,
      .check_options = &check_options,
  };
  return rule;
}

} // namespace review::lint
