// Fuzz target: the HTML rendering of one review (md4c-html with raw HTML escaped and
// comments dropped), its search text and its summary excerpt, as a review page uses them.
#include "core/config.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"
#include "site/markdown_html.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > review::core::k_max_review_bytes) return -1;
  namespace core = review::core;
  static const core::Config config = core::default_config("/repo");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const core::Review review = core::parse_review(text, "reviews/2026/2026-08-14-fuzz.md", config);
  (void)review::site::render_body_html(review);
  (void)review::site::body_plain_text(review);
  (void)review::site::section_excerpt(review, "summary", 40);
  return 0;
}
