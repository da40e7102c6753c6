// sections: the review answers the method's questions, each under its own heading:
// the required sections are present (accepted headings in English and Chinese, plus
// the repo's own from review.yaml), in the catalog's order, and not empty (a section
// holding only the template's HTML comment is empty). Why: the three questions —
// the value in the customer's words, the voices in and outside the room, the factors
// beyond price — are the review; a missing one is the insight nobody went to get.
//   bad:  ## Summary … ## What we will do differently   (no value, voices or factors)
//   good: ## Summary … ## How would the customer articulate the value of their choice? …
#include "core/config.hpp"
#include "core/text.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>
#include <vector>

namespace review::lint {
namespace {

// The heading to suggest for a section: in the review's language, and for the
// next-time section of a win, the wording that asks what to repeat.
std::string suggested_heading(const core::SectionSpec& spec, bool chinese, bool won) {
  const std::string* fallback = nullptr;
  for (const auto& heading : spec.headings) {
    if (is_mostly_cjk(heading) != chinese) continue;
    if (fallback == nullptr) fallback = &heading;
    const bool for_wins =
        heading.find("repeat") != std::string::npos || heading.find("保持") != std::string::npos;
    if (spec.id != "next-time" || for_wins == won) return heading;
  }
  if (fallback != nullptr) return *fallback;
  return spec.headings.empty() ? spec.id : spec.headings.front();
}

std::string other_headings(const core::SectionSpec& spec, const std::string& suggested) {
  std::string list;
  for (const auto& heading : spec.headings) {
    if (heading == suggested) continue;
    list += fmt::format("{}'{}'", list.empty() ? "" : ", ", heading);
  }
  return list;
}

bool review_is_chinese(const core::Review& review, const core::Config& config) {
  const std::string_view body = review.body_text();
  if (is_mostly_cjk(body)) return true;
  for (char c : body) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return false;
  }
  return config.language == "zh";
}

void check_missing(const core::Review& review, const RuleContext& context, Findings& findings) {
  const auto& catalog = context.config.sections.sections;
  // Missing sections grouped by where they belong: before the next section present, or at the end.
  std::vector<std::pair<const core::Section*, std::vector<const core::SectionSpec*>>> gaps;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const core::SectionSpec& spec = catalog[i];
    if (!spec.required || review.body.find_section(spec.id) != nullptr) continue;
    const core::Section* next = nullptr;
    for (std::size_t j = i + 1; j < catalog.size() && next == nullptr; ++j)
      next = review.body.find_section(catalog[j].id);
    if (gaps.empty() || gaps.back().first != next)
      gaps.emplace_back(next, std::vector<const core::SectionSpec*>{});
    gaps.back().second.push_back(&spec);
  }
  if (gaps.empty()) return;
  // Only now: deciding the language reads the whole body.
  const bool chinese = review_is_chinese(review, context.config);
  const bool won = review.outcome.present && *review.outcome == core::Outcome::won;
  for (const auto& [next, specs] : gaps) {
    const core::Position where = next != nullptr ? next->position : end_of_file(review);
    const std::string place = next != nullptr ? "above this heading" : "at the end of the review";
    if (specs.size() == 1) {
      const std::string heading = suggested_heading(*specs.front(), chinese, won);
      std::string hint = fmt::format("add `## {}` {}", heading, place);
      if (const std::string others = other_headings(*specs.front(), heading); !others.empty())
        hint += fmt::format("; also accepted: {}", others);
      findings.report(review.path, where, fmt::format("the review has no '{}' section", heading),
                      std::move(hint));
      continue;
    }
    std::vector<std::string> quoted;
    std::vector<std::string> markdown;
    for (const auto* spec : specs) {
      const std::string heading = suggested_heading(*spec, chinese, won);
      quoted.push_back(fmt::format("'{}'", heading));
      markdown.push_back(fmt::format("`## {}`", heading));
    }
    findings.report(
        review.path, where,
        fmt::format("the review has no sections {}", core::join_alternatives(quoted, "and")),
        fmt::format(
            "add them {}, in this order: {} (other wordings, in English, Chinese or the repo's "
            "own from review.yaml, are accepted too)",
            place, fmt::join(markdown, ", ")));
  }
}

bool has_template_comment(const core::Review& review, std::size_t section_index) {
  for (const auto& comment : review.body.comments) {
    if (comment.section == static_cast<int>(section_index)) return true;
  }
  return false;
}

// Sections out of the catalog's order: those outside the longest run already in order,
// so that one section moved to the wrong place is one finding, not one per section it skipped.
void check_order(const core::Review& review,
                 const std::vector<std::pair<const core::Section*, std::size_t>>& ranked,
                 Findings& findings) {
  const std::size_t n = ranked.size();
  std::vector<std::size_t> length(n, 1);
  std::vector<std::size_t> previous(n, n);
  std::size_t best = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (ranked[j].second < ranked[i].second && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
    if (length[i] > length[best]) best = i;
  }
  std::vector<bool> in_order(n, false);
  for (std::size_t i = best; n > 0 && i < n; i = previous[i]) in_order[i] = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (in_order[i]) continue;
    const core::Section* after = nullptr;
    const core::Section* first = nullptr;
    for (std::size_t j = 0; j < n; ++j) {
      if (!in_order[j]) continue;
      if (first == nullptr) first = ranked[j].first;
      if (ranked[j].second < ranked[i].second) after = ranked[j].first;
    }
    findings.report_as(
        core::Severity::warning, review.path, ranked[i].first->position,
        fmt::format("the '{}' section is out of order", ranked[i].first->heading),
        after != nullptr
            ? fmt::format("reviews follow the order of the questions: move it below '## {}'",
                          after->heading)
            : fmt::format("reviews follow the order of the questions: move it above '## {}'",
                          first->heading));
  }
}

void check_present(const core::Review& review, const RuleContext& context, Findings& findings) {
  const auto& catalog = context.config.sections;
  std::map<std::string, const core::Section*> seen;
  std::vector<std::pair<const core::Section*, std::size_t>>
      ranked; // first occurrences, with catalog rank
  for (std::size_t index = 0; index < review.body.sections.size(); ++index) {
    const core::Section& section = review.body.sections[index];
    const core::SectionSpec* spec = catalog.find(section.id);
    if (spec == nullptr) continue; // the team's own sections may go anywhere

    if (auto [it, inserted] = seen.emplace(section.id, &section); !inserted) {
      findings.report_as(core::Severity::warning, review.path, section.position,
                         fmt::format("the '{}' section appears twice; the first is on line {}",
                                     section.heading, it->second->position.line),
                         "merge the two into one section");
    } else {
      ranked.emplace_back(&section, static_cast<std::size_t>(spec - catalog.sections.data()));
    }

    if (section.has_content) continue;
    if (spec->required) {
      findings.report(review.path, section.position,
                      fmt::format("the '{}' section is empty", section.heading),
                      has_template_comment(review, index)
                          ? "answer it in a few sentences; the comment under the heading says what "
                            "to cover, and "
                            "comments do not count as content"
                          : "answer it in a few sentences: a ten-minute review is enough");
    } else {
      findings.report_as(
          core::Severity::warning, review.path, section.position,
          fmt::format("the '{}' section is empty", section.heading),
          "write a few sentences, or remove the heading if it does not apply to this deal");
    }
  }
  check_order(review, ranked, findings);
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  // Without front matter the whole file may be misread as body; front-matter says so first.
  if (review.front_matter_status == core::FrontMatterSplit::Status::not_closed ||
      review.front_matter_status == core::FrontMatterSplit::Status::empty_file)
    return;
  check_missing(review, context, findings);
  check_present(review, context, findings);
}

} // namespace

const Rule& sections_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "sections",
              .summary = "required sections missing, out of order or empty",
              .why = "A review answers three questions — how the customer would put the value of "
                     "their choice, who "
                     "the influential voices were in and outside the room, and what mattered "
                     "beyond price — between "
                     "a summary and what we will do differently. A missing section is an insight "
                     "nobody went to "
                     "get. Headings are matched in English or Chinese, ignoring case, punctuation "
                     "and full-width "
                     "forms; a repo adds its own wording under `sections:` in review.yaml. A "
                     "section that holds only "
                     "the template's comment is empty. Optional sections (role of price, timeline, "
                     "sources) may be "
                     "left out, but not left empty.",
              .bad_example = "## Summary\nWe lost to LedgerCo.\n\n## What we will do "
                             "differently\n<!-- What happened, "
                             "and what will we do differently next time? -->",
              .good_example =
                  "## Summary\nWe lost to LedgerCo after the CIO …\n\n## How would the customer "
                  "articulate the value of their choice?\n…\n\n## Who were the most influential "
                  "voices in "
                  "and outside the room?\n…\n\n## Beyond price, what were the key factors in the "
                  "decision?\n…\n\n## What we will do differently\nNext time we will …",
              .options = "",
              .default_severity = core::Severity::error,
          },
      .check_file = &check,
  };
  return rule;
}

} // namespace review::lint
