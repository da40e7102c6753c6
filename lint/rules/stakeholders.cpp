// stakeholders: the front matter names at least one decision maker or economic buyer
// by role, and at least one voice from outside the room (in_room: false) — or the
// voices section says plainly there was none. Why: the most influential voices often
// surface only after the decision (a CIO who never joined a call set the must-haves);
// a review that lists only the people we met has not looked for them.
//   bad:  stakeholders: [{title: Head of Payments Operations, role: champion, in_room: true}]
//   good: add {title: CIO, role: decision-maker, in_room: false}
// Roles outside the vocabulary are front-matter's finding. Quiet while the voices
// section is still empty and no stakeholder is listed: sections reports that.
#include "core/text.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace review::lint {
namespace {

// "Outside the room: none", "no one outside the room", "会议室外：无"
bool says_nobody_outside(const core::Review& review, const core::Section& section) {
  const std::string text = core::to_lower_ascii(section_prose(review.body, section));
  constexpr std::array<std::string_view, 6> k_phrases = {
      "no one outside the room", "nobody outside the room",    "no one else outside the room",
      "none outside the room",   "no voices outside the room", "nobody else outside the room"};
  for (auto phrase : k_phrases) {
    if (text.find(phrase) != std::string::npos) return true;
  }
  for (std::string_view lead : {"outside the room", "会议室外", "会议室之外"}) {
    for (std::size_t at = text.find(lead); at != std::string::npos; at = text.find(lead, at + 1)) {
      std::string_view rest = std::string_view(text).substr(at + lead.size());
      for (bool skipped = true; skipped;) {
        skipped = false;
        for (std::string_view separator : {" ", ":", "-", "*", "：", "—", "–", ",", "，"}) {
          if (!rest.starts_with(separator)) continue;
          rest.remove_prefix(separator.size());
          skipped = true;
        }
      }
      for (std::string_view nobody : {"none", "nobody", "no one", "无", "没有"}) {
        if (rest.starts_with(nobody)) return true;
      }
    }
  }
  return false;
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  const core::Section* voices = review.body.find_section("voices");
  const bool listed = review.stakeholders.present && !review.stakeholders->empty();
  const bool written = voices != nullptr && voices->has_content;
  if (!listed && !written) return;
  const core::Position where = review.stakeholders.position.line > 0 ? review.stakeholders.position
                               : voices != nullptr                   ? voices->position
                                                                     : core::Position{1, 1};

  bool decider = false;
  bool outside = false;
  bool misspelt =
      false; // a role outside the vocabulary is front-matter's finding; it may be the decider
  const auto& roles = context.config.stakeholder_roles;
  if (listed) {
    for (const auto& person : *review.stakeholders) {
      decider = decider || person.role == "decision-maker" || person.role == "economic-buyer";
      outside = outside || (person.in_room && !*person.in_room);
      misspelt = misspelt || std::find(roles.begin(), roles.end(), person.role) == roles.end();
    }
  }
  if (!listed) {
    findings.report(review.path, where, "no stakeholders are listed in the front matter",
                    "list the influential people by title and buying role under `stakeholders:`, "
                    "e.g. `- title: CIO` "
                    "with `role: decision-maker` and `in_room: false`; names are optional");
    return;
  }
  if (!decider && !misspelt) {
    findings.report(review.path, where, "no stakeholder is marked decision-maker or economic-buyer",
                    "who made the final call, and who owned the budget? add them with `role: "
                    "decision-maker` or "
                    "`role: economic-buyer` — by title, a name is optional");
  }
  if (!outside && !(voices != nullptr && says_nobody_outside(review, *voices))) {
    findings.report(review.path, where, "no voice from outside the room is recorded",
                    "who shaped the decision without joining our calls — a CIO, a risk lead, a "
                    "board? add them with "
                    "`in_room: false`; if there truly was nobody, write \"Outside the room: none\" "
                    "in the voices section");
  }
}

} // namespace

const Rule& stakeholders_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "stakeholders",
              .summary = "no decision maker or economic buyer named by role, or no voice from "
                         "outside the room",
              .why =
                  "The most influential voices often surface only after the decision: in one "
                  "fintech deal the CIO "
                  "set the must-have features although most sales calls were with the user group. "
                  "A review that "
                  "lists only the people we met has not looked for the others. Record at least one "
                  "decision-maker or economic-buyer, and at least one stakeholder with `in_room: "
                  "false` — or "
                  "write \"Outside the room: none\" (会议室外：无) in the voices section when "
                  "there truly was "
                  "nobody. Roles outside the vocabulary are reported by front-matter.",
              .bad_example = "stakeholders:\n  - title: Head of Payments Operations\n    role: "
                             "champion\n    in_room: "
                             "true",
              .good_example = "stakeholders:\n  - title: Head of Payments Operations\n    role: "
                              "champion\n    in_room: "
                              "true\n  - title: CIO\n    role: decision-maker\n    in_room: false",
              .options = "",
              .default_severity = core::Severity::warning,
          },
      .check_file = &check,
  };
  return rule;
}

} // namespace review::lint
