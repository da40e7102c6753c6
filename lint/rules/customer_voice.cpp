// customer-voice: the value section quotes the customer or attributes words to them:
// a blockquote, text in “…”, "…", 「…」 or 『…』, or an attribution such as "said",
// "told us", "in their words", 表示, 说, 认为. Why: the first question of the method is
// how the customer would articulate the value of their choice — in their words, not
// in our pitch's. Lenient on purpose: it nudges toward the customer's voice.
//   bad:  Our platform offers best-in-class reconciliation and a modern UI.
//   good: > "Your product was easier for my team, but the CIO needed the audit trail." — Head of
//   Payments
#include "core/text.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <array>

namespace review::lint {
namespace {

constexpr std::array<std::string_view, 22> k_attributions = {
    "said",         "says",         "say",
    "told us",      "told me",      "tell us",
    "described",    "describes",    "in their words",
    "in her words", "in his words", "put it",
    "according to", "explained",    "mentioned",
    "noted",        "quoted",       "called it",
    "wrote",        "asked",        "in the words of",
    "confirmed"};
constexpr std::array<std::string_view, 10> k_chinese_attributions = {
    "表示", "说", "认为", "提到", "原话", "称", "指出", "告诉我们", "评价", "反馈"};

bool has_quote_pair(std::string_view text, std::string_view open, std::string_view close) {
  const std::size_t at = text.find(open);
  return at != std::string_view::npos &&
         text.find(close, at + open.size()) != std::string_view::npos;
}

bool voices_customer(const core::Review& review, const core::Section& section) {
  for (const auto& block : section_blocks(review.body, section)) {
    if (block.quote_depth > 0 && !core::trim(block.text).empty()) return true;
  }
  const std::string text = section_prose(review.body, section);
  if (has_quote_pair(text, "\xE2\x80\x9C", "\xE2\x80\x9D") || has_quote_pair(text, "「", "」") ||
      has_quote_pair(text, "『", "』") || has_quote_pair(text, "\"", "\""))
    return true;
  for (auto word : k_attributions) {
    if (contains_word(text, word)) return true;
  }
  for (auto word : k_chinese_attributions) {
    if (text.find(word) != std::string::npos) return true;
  }
  return false;
}

void check(const core::Review& review, const RuleContext&, Findings& findings) {
  const core::Section* section = review.body.find_section("value");
  if (section == nullptr || !section->has_content) return; // sections reports those
  if (voices_customer(review, *section)) return;
  findings.report(review.path, section->position,
                  "the value section does not quote the customer or say who said what",
                  "ask how the customer would put it and use their words, with their title: `> "
                  "\"…\" — CFO`, or "
                  "`the CFO told us …`");
}

} // namespace

const Rule& customer_voice_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "customer-voice",
              .summary =
                  "the value section neither quotes the customer nor attributes words to them",
              .why = "The first question of the method is how the customer would articulate the "
                     "value of their "
                     "choice — in their words, not in our pitch's. Any of these is enough: a "
                     "blockquote, text in "
                     "“…”, \"…\", 「…」 or 『…』, or an attribution such as said, told us, in "
                     "their words, 表示, "
                     "说, 认为.",
              .bad_example = "## How would the customer articulate the value of their choice?\nOur "
                             "platform offers "
                             "best-in-class reconciliation and a modern interface.",
              .good_example = "## How would the customer articulate the value of their choice?\n> "
                              "\"Your product was "
                              "easier for my team. But the CIO needed a complete audit trail from "
                              "day one.\" — Head "
                              "of Payments Operations",
              .options = "",
              .default_severity = core::Severity::suggestion,
          },
      .check_file = &check,
  };
  return rule;
}

} // namespace review::lint
