// brevity: the body fits the word budget of a ten-minute review (default 1,200
// words; Chinese counted at two characters a word). Code blocks, code spans, HTML
// comments and headings are not counted. Why: the method's point is that even a
// ten-minute review pays off; a long one is written less often and read by fewer.
//   bad:  3,000 words of call notes pasted under "Summary"
//   good: a few sentences per question, with the call notes linked under "Sources"
#include "core/text.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace review::lint {
namespace {

constexpr long k_default_max_words = 1200;
constexpr std::array<std::string_view, 1> k_option_keys = {"max_words"};

double count_body_words(const core::Review& review) {
  double words = 0;
  for (const auto& block : review.body.blocks) {
    if (!is_prose_block(block)) continue;
    for (const auto& run : block.runs) {
      if (run.kind == core::RunKind::text)
        words += core::count_words(std::string_view(block.text).substr(run.offset, run.length));
    }
  }
  return words;
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  const long limit = option_integer(context.options, "max_words", k_default_max_words);
  const auto words = std::lround(count_body_words(review));
  if (words <= limit) return;
  const core::Position where = review.body.sections.empty()
                                   ? core::Position{review.body_first_line, 1}
                                   : review.body.sections.front().position;
  findings.report(
      review.path, where,
      fmt::format("the review is {} words long; the budget for a ten-minute review is {}",
                  core::group_thousands(std::to_string(words)),
                  core::group_thousands(std::to_string(limit))),
      "keep what the next team needs — a few sentences per question — and link long notes or "
      "transcripts instead of pasting them");
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_integer_option(options, "brevity", "max_words", 1, config_file, findings);
}

} // namespace

const Rule& brevity_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "brevity",
              .summary = "the review is longer than the word budget of a ten-minute review",
              .why = "Even a ten-minute review pays off, and a short one gets written every "
                     "quarter and read by the "
                     "teams it hands actions to. Prose is counted — not headings, code or HTML "
                     "comments; Chinese "
                     "counts two characters as a word.",
              .bad_example = "## Summary\n(three pages of call notes pasted in)",
              .good_example = "## Summary\nNorthwind Pay replaced its core ledger and chose "
                              "LedgerCo; the decision "
                              "turned when the CIO reviewed both vendors against controls we first "
                              "saw afterwards.",
              .options = "max_words: the word budget (default 1200)",
              .default_severity = core::Severity::warning,
          },
      .check_file = &check,
      .option_keys = k_option_keys,
      .check_options = &check_options,
  };
  return rule;
}

} // namespace review::lint
