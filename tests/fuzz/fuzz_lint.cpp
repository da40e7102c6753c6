// Fuzz target: the full lint of one file — parse_review, then every rule (file and
// repo level) through lint::lint_reviews, as `review lint FILE` runs them.
#include "core/config.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"
#include "lint/engine.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > review::core::k_max_review_bytes) return -1;
  namespace core = review::core;
  static const core::Config config = core::default_config("/repo");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const core::Review review = core::parse_review(text, "reviews/2026/2026-08-14-fuzz.md", config);
  review::lint::LintScope scope;
  scope.today = core::Date{2026, 9, 1}; // fixed, so a finding reproduces on any day
  scope.repo_paths = {review.path};
  scope.threads = 1;
  (void)review::lint::lint_reviews(config, std::span<const core::Review>(&review, 1), scope);
  return 0;
}
