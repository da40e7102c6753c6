// The price-only rule: price as the sole or reflexive reason.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_factor_list =
    "1. **Security and compliance.** The audit-trail export was a hard requirement.\n"
    "2. **Capability gap.** Our change history is per record, not per field.\n";

TEST_CASE("price_only") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("price-only", k_clean_review)) == "");
  }

  SUBCASE("price as the only decision factor") {
    const auto text =
        replaced(k_clean_review, "[security-compliance, capability-gap, price]", "[price]");
    CHECK(lines(run_rule("price-only", text)) ==
          "19:19 warning: 'price' is the only decision factor\n");
  }

  SUBCASE("price deciding with nothing recording who said so") {
    auto text = replaced(k_clean_review, "price_role: contributing", "price_role: deciding");
    text = replaced(
        text,
        "price_evidence: \"CFO: 3-year cost ~12% higher; it mattered less than the audit trail\"\n",
        "");
    CHECK(lines(run_rule("price-only", text)) ==
          "20:13 warning: price_role is 'deciding' but nothing records who said so\n");
  }

  SUBCASE("price deciding with the buyer's words is fine") {
    const auto text = replaced(k_clean_review, "price_role: contributing", "price_role: deciding");
    CHECK(lines(run_rule("price-only", text)) == "");
  }

  SUBCASE("a key-factors section that names nothing but price") {
    const auto text = replaced(k_clean_review, k_factor_list,
                               "They went with the cheaper option.\n\nOur price was 12% higher.\n");
    CHECK(lines(run_rule("price-only", text)) ==
          "41:1 warning: the key-factors section names nothing but price\n");
  }

  SUBCASE("in Chinese too") {
    const auto text =
        replaced(k_clean_review, k_factor_list, "客户选择了更便宜的方案，我们的价格高了12%。\n");
    CHECK(lines(run_rule("price-only", text)) ==
          "41:1 warning: the key-factors section names nothing but price\n");
  }

  SUBCASE("price next to another factor is fine") {
    const auto text = replaced(k_clean_review, k_factor_list,
                               "Price mattered, but the integration with SAP decided it.\n");
    CHECK(lines(run_rule("price-only", text)) == "");
  }

  SUBCASE("a section that does not mention price at all is fine") {
    const auto text =
        replaced(k_clean_review, k_factor_list, "The CIO's must-have list decided it.\n");
    CHECK(lines(run_rule("price-only", text)) == "");
  }
}

} // namespace
