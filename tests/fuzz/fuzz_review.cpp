// Fuzz target: core::parse_review on arbitrary bytes — the front-matter split, YAML
// (libyaml and our tree builder), Markdown (md4c and the model) and field checks.
// parse_review promises never to throw for bad input, so any exception is a finding.
#include "core/config.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // scan_repo skips larger files before parsing; keep the fuzzer where users can reach.
  if (size > review::core::k_max_review_bytes) return -1;
  static const review::core::Config config = review::core::default_config("/repo");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const review::core::Review review =
      review::core::parse_review(text, "reviews/2026/2026-08-14-fuzz.md", config);
  // Touch what consumers read, so a position or span out of range shows up here.
  for (const auto& block : review.body.blocks) {
    for (std::size_t at = 0; at < block.text.size(); at += 97) {
      (void)block.position_at(at);
      (void)block.is_code_at(at);
    }
  }
  return 0;
}
