// One accessor per lint rule, each defined in its own lint/rules/<rule>.cpp; the
// registry (lint/registry.cpp) lists them in the order `review rules` shows them.
#pragma once

#include "lint/rule.hpp"

namespace review::lint {

const Rule& front_matter_rule();
const Rule& consistency_rule();
const Rule& sections_rule();
const Rule& placeholders_rule();
const Rule& blame_language_rule();
const Rule& price_only_rule();
const Rule& stakeholders_rule();
const Rule& customer_voice_rule();
const Rule& actions_rule();
const Rule& brevity_rule();
const Rule& privacy_rule();
const Rule& links_rule();
const Rule& coverage_rule();

} // namespace review::lint
