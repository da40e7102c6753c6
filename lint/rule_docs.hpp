// The rules' documentation as `review rules` prints it and as docs/rules.md holds it
// (generated from the same RuleDoc text, so the two never drift).
#pragma once

#include "lint/rule.hpp"

#include <string>

namespace review::lint {

// One line per rule: id, default severity, what it catches.
std::string rules_overview();
// One rule in full: what, why, a reported and a better example, options.
std::string rule_details(const Rule& rule);
// docs/rules.md.
std::string rules_markdown();

} // namespace review::lint
