// Helpers shared by the lint tests: a review that passes every rule (each test
// changes one thing in it), running one rule in isolation, and findings as text.
#pragma once

#include "core/config.hpp"
#include "core/review.hpp"
#include "lint/rule.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

namespace review::test {

namespace core = review::core;
namespace lint = review::lint;

inline constexpr std::string_view k_clean_path = "reviews/2026/2026-08-14-northwind-pay.md";
inline constexpr core::Date k_today{2026, 9, 1};

// A lost deal written the way the method asks: every rule passes on it.
inline constexpr std::string_view k_clean_review = R"(---
schema: 1
title: Northwind Pay core-ledger replacement
account: Northwind Pay
outcome: lost
lost_to: LedgerCo
competitors: [LedgerCo]
close_date: 2026-08-14
review_date: 2026-08-29
account_executive: Zhang Qi
buyer_interviewed: true
stakeholders:
  - title: CIO
    role: decision-maker
    in_room: false
  - title: Head of Payments Operations
    role: champion
    in_room: true
decision_factors: [security-compliance, capability-gap, price]
price_role: contributing
price_evidence: "CFO: 3-year cost ~12% higher; it mattered less than the audit trail"
---

## Summary

Northwind Pay replaced its core ledger and chose LedgerCo after the CIO reviewed
both vendors against controls we first saw after the decision.

## How would the customer articulate the value of their choice?

> "Your product was easier for my team, but the CIO needed a complete audit trail." —
> Head of Payments Operations

## Who were the most influential voices in and outside the room?

- **CIO (decision-maker, outside the room).** Set the must-have controls.
- **Head of Payments Operations (champion).** Our strongest supporter.

## Beyond price, what were the key factors in the decision?

1. **Security and compliance.** The audit-trail export was a hard requirement.
2. **Capability gap.** Our change history is per record, not per field.

## What we will do differently

Next time we will ask in the first two meetings who signs off on controls.

- [ ] product: Ship configurable audit-trail export (owner: Priya Nair; due: 2026-10-15)
- [x] marketing: CIO deck on compliance value (owner: Lena Park; due: 2026-08-30)
)";

// `text` with its one occurrence of `from` replaced; fails the test when `from` is absent.
inline std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "not in the text: " << from);
  out.replace(at, from.size(), to);
  return out;
}

inline core::Config test_config(std::string_view review_yaml = {}) {
  if (review_yaml.empty()) return core::default_config("/nonexistent-repo");
  return core::parse_config(review_yaml, "/nonexistent-repo/review.yaml");
}

struct RuleRun {
  std::string path = std::string(k_clean_path);
  core::Date today = k_today;
  std::vector<core::FiscalQuarter> quarters;
  std::vector<std::string> repo_paths; // default: just `path`
  bool whole_repo = true;
};

// Runs one rule (its file check and its repo check) over reviews parsed from `texts`.
inline std::vector<core::Diagnostic> run_rule_on(std::string_view rule_id,
                                                 const std::vector<core::Review>& reviews,
                                                 const core::Config& config, const RuleRun& run) {
  const lint::Rule* rule = lint::find_rule(rule_id);
  REQUIRE_MESSAGE(rule != nullptr, "no rule " << rule_id);
  core::Severity severity = rule->doc.default_severity;
  const core::YamlValue* options = nullptr;
  static const core::YamlValue k_none;
  if (auto it = config.rules.find(std::string(rule_id)); it != config.rules.end()) {
    if (it->second.severity) severity = *it->second.severity;
    options = &it->second.options;
  }
  std::vector<std::string> paths = run.repo_paths;
  if (paths.empty()) {
    for (const auto& review : reviews) paths.push_back(review.path);
  }
  const lint::RuleContext context{config,    options != nullptr ? *options : k_none,
                                  run.today, run.quarters,
                                  paths,     run.whole_repo};
  lint::Findings findings(rule_id, severity);
  for (const auto& review : reviews) {
    if (rule->check_file != nullptr) rule->check_file(review, context, findings);
  }
  if (rule->check_repo != nullptr) rule->check_repo(reviews, context, findings);
  core::sort_diagnostics(findings.diagnostics());
  return findings.diagnostics();
}

inline std::vector<core::Diagnostic> run_rule(std::string_view rule_id, std::string_view text,
                                              const core::Config& config = test_config(),
                                              const RuleRun& run = {}) {
  std::vector<core::Review> reviews;
  reviews.push_back(core::parse_review(text, run.path, config));
  return run_rule_on(rule_id, reviews, config, run);
}

// "12:5 warning: message" per finding, one per line: exact text and position in one string.
inline std::string lines(const std::vector<core::Diagnostic>& findings) {
  std::string out;
  for (const auto& d : findings) {
    out += fmt::format("{}:{} {}: {}\n", d.position.line, d.position.column,
                       core::severity_name(d.severity), d.message);
  }
  return out;
}

} // namespace review::test
