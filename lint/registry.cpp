// The registry of lint rules: a table, not a chain of ifs. Order is DESIGN.md §5's,
// the order `review rules` and docs/rules.md list them in.
#include "lint/rules/rules.hpp"

#include <array>
#include <vector>

namespace review::lint {

namespace {

const std::vector<Rule>& registry() {
  static const std::vector<Rule> rules = [] {
    const std::array accessors = {
        &front_matter_rule,   &consistency_rule, &sections_rule,     &placeholders_rule,
        &blame_language_rule, &price_only_rule,  &stakeholders_rule, &customer_voice_rule,
        &actions_rule,        &brevity_rule,     &privacy_rule,      &links_rule,
        &coverage_rule,
    };
    std::vector<Rule> table;
    table.reserve(accessors.size());
    for (const auto& accessor : accessors) table.push_back(accessor());
    return table;
  }();
  return rules;
}

} // namespace

std::span<const Rule> all_rules() {
  return registry();
}

const Rule* find_rule(std::string_view id) {
  for (const Rule& rule : registry())
    if (rule.doc.id == id) return &rule;
  return nullptr;
}

} // namespace review::lint
