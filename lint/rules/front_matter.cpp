// front-matter: YAML syntax errors (with line:column), missing required keys, wrong
// types, values outside an enum or a vocabulary ("did you mean"), dates not written
// YYYY-MM-DD. Why: the site, the action board and the coverage report read these
// fields; a review whose outcome says `wn` silently drops out of every win rate.
//   bad:  outcome: wn            close_date: 14/08/2026
//   good: outcome: won           close_date: 2026-08-14
// core::parse_review does the parsing and checking; this rule reports what it found,
// so the severity can be configured like any other rule's.
#include "lint/rules/rules.hpp"

namespace review::lint {
namespace {

void check(const core::Review& review, const RuleContext&, Findings& findings) {
  for (const auto& diagnostic : review.diagnostics) {
    if (diagnostic.rule != "front-matter") continue;
    findings.report_as(diagnostic.severity, diagnostic.file, diagnostic.position,
                       diagnostic.message, diagnostic.hint);
  }
}

} // namespace

const Rule& front_matter_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "front-matter",
              .summary = "YAML syntax errors, missing required keys, wrong types, values outside "
                         "the vocabularies, "
                         "dates not written YYYY-MM-DD",
              .why = "The site, the action board and the coverage report are built from the front "
                     "matter. A review "
                     "whose outcome reads `wn` or whose close date reads `14/08/2026` silently "
                     "drops out of win rates "
                     "and quarters. Required keys: title, account, outcome, close_date, "
                     "account_executive, and "
                     "lost_to on a lost deal.",
              .bad_example = "---\ntitle: Northwind Pay core-ledger replacement\naccount: "
                             "Northwind Pay\noutcome: wn\n"
                             "close_date: 14/08/2026\naccount_executive: Zhang Qi\n---",
              .good_example = "---\ntitle: Northwind Pay core-ledger replacement\naccount: "
                              "Northwind Pay\noutcome: won\n"
                              "close_date: 2026-08-14\naccount_executive: Zhang Qi\n---",
              .options = "",
              .default_severity = core::Severity::error,
          },
      .check_file = &check,
  };
  return rule;
}

} // namespace review::lint
