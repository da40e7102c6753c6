// price-only: price named as the sole or reflexive reason: `price` as the only
// decision factor, `price_role: deciding` with nothing recording who said so, or a
// key-factors section that names nothing but price, budget or cost. Why: price is the
// easy explanation of a loss and rarely the whole story; the method asks what
// mattered beyond price, and the buyer is the one to ask.
//   bad:  decision_factors: [price]   /   ## Beyond price, … \n They went with the cheaper option.
//   good: decision_factors: [capability-gap, implementation-risk, price] with price_evidence from
//   the CFO
#include "core/text.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace review::lint {
namespace {

constexpr std::array<std::string_view, 14> k_price_words = {
    "price",  "prices",  "priced",   "pricing",   "cost",     "costs",     "costly",
    "budget", "cheaper", "cheapest", "expensive", "discount", "discounts", "tco"};
constexpr std::array<std::string_view, 7> k_chinese_price_words = {"价格", "预算", "成本", "便宜",
                                                                   "贵",   "折扣", "报价"};
// Words that name a factor other than price: one of them means the section looked further.
constexpr std::array<std::string_view, 36> k_other_factors = {
    "integration",  "security",  "compliance", "feature",      "features",    "capability",
    "capabilities", "reference", "references", "relationship", "risk",        "implementation",
    "migration",    "support",   "roadmap",    "usability",    "ease",        "timing",
    "timeline",     "partner",   "trust",      "audit",        "performance", "scalability",
    "workflow",     "champion",  "cio",        "cfo",          "politics",    "strategy",
    "strategic",    "fit",       "gap",        "experience",   "viability",   "outcome"};
constexpr std::array<std::string_view, 14> k_chinese_other_factors = {
    "集成", "安全", "合规", "功能", "能力", "案例", "关系",
    "风险", "实施", "易用", "支持", "审计", "战略", "体验"};

template <std::size_t N>
bool mentions(std::string_view text, const std::array<std::string_view, N>& words, bool cjk) {
  for (auto word : words) {
    if (cjk ? text.find(word) != std::string_view::npos : contains_word(text, word)) return true;
  }
  return false;
}

bool names_price(std::string_view text) {
  return mentions(text, k_price_words, false) || mentions(text, k_chinese_price_words, true);
}

bool names_other_factor(std::string_view text, const core::Config& config) {
  if (mentions(text, k_other_factors, false) || mentions(text, k_chinese_other_factors, true))
    return true;
  for (const auto& factor : config.decision_factors) {
    if (factor == "price" || factor == "other" || factor == "budget-timing") continue;
    std::string words = factor;
    for (char& c : words) c = c == '-' ? ' ' : c;
    if (contains_word(text, words) || contains_word(text, factor)) return true;
  }
  return false;
}

void check_factors_section(const core::Review& review, const RuleContext& context,
                           Findings& findings) {
  const core::Section* section = review.body.find_section("factors");
  if (section == nullptr || !section->has_content) return;
  const core::Block* first_price = nullptr;
  std::size_t first_offset = 0;
  for (const auto& block : section_blocks(review.body, *section)) {
    if (!is_prose_block(block)) continue;
    const std::string prose = prose_of(block);
    if (core::trim(prose).empty()) continue;
    if (!names_price(prose) || names_other_factor(prose, context.config)) return;
    if (first_price == nullptr) {
      first_price = &block;
      first_offset = prose.find_first_not_of(" \n");
    }
  }
  if (first_price == nullptr) return;
  findings.report(review.path, first_price->position_at(first_offset),
                  "the key-factors section names nothing but price",
                  "the question is what mattered beyond price: ask the buyer, in a neutral "
                  "conversation, what else "
                  "moved the decision — fit, risk, integration, references, who championed whom");
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  if (review.decision_factors.present && !review.decision_factors->empty()) {
    bool only_price = true;
    for (const auto& factor : *review.decision_factors)
      only_price = only_price && factor == "price";
    if (only_price) {
      findings.report(
          review.path, review.decision_factors.position, "'price' is the only decision factor",
          "price is rarely the whole story: ask the buyer what else weighed — capability-fit, "
          "implementation-risk, relationship … — and rank those in decision_factors too");
    }
  }
  if (review.price_role.present && *review.price_role == core::PriceRole::deciding &&
      !review.price_evidence.present) {
    findings.report(review.path, review.price_role.position,
                    "price_role is 'deciding' but nothing records who said so",
                    "write the buyer's words in price_evidence (`price_evidence: \"CFO: …\"`); if "
                    "nobody asked the "
                    "buyer, `price_role: unknown` is the honest value");
  }
  check_factors_section(review, context, findings);
}

} // namespace

const Rule& price_only_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "price-only",
              .summary = "price named as the sole or reflexive reason for the decision",
              .why = "Price is the easy explanation of a loss and rarely the whole story. The "
                     "method asks what "
                     "mattered beyond price, and the buyer is the one to ask, in a neutral "
                     "conversation that does "
                     "not try to re-sell. Reported: `price` as the only decision factor, "
                     "`price_role: deciding` "
                     "without price_evidence, and a key-factors section that names nothing but "
                     "price, budget or cost.",
              .bad_example = "decision_factors: [price]\nprice_role: deciding\n\n## Beyond price, "
                             "what were the key "
                             "factors in the decision?\nThey went with the cheaper option.",
              .good_example =
                  "decision_factors: [security-compliance, capability-gap, price]\nprice_role: "
                  "contributing\nprice_evidence: \"CFO: 3-year cost ~12% higher; it mattered less "
                  "than "
                  "the audit trail\"\n\n## Beyond price, what were the key factors in the "
                  "decision?\n1. "
                  "Security and compliance: the CIO needed an exportable audit trail.",
              .options = "",
              .default_severity = core::Severity::warning,
          },
      .check_file = &check,
  };
  return rule;
}

} // namespace review::lint
