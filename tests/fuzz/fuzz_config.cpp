// Fuzz target: core::parse_config on arbitrary bytes as review.yaml. Syntax errors
// throw core::Error by contract (with a position); anything else is a finding.
#include "core/config.hpp"
#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const review::core::Config config = review::core::parse_config(text, "/repo/review.yaml");
    (void)config.sections.match("Summary");
  } catch (const review::core::Error&) {
    // The documented outcome for text that is not YAML.
  }
  return 0;
}
