// What a lint rule is: its documentation (shown by `review rules` and written into
// docs/rules.md) and its check, over one review or over the whole repo.
// Rule kinds are code; phrase lists and vocabularies are data (lint/data/).
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/review.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::lint {

struct RuleDoc {
  std::string_view id;           // "blame-language"
  std::string_view summary;      // one line: what it catches
  std::string_view why;          // why it matters for a win/loss review
  std::string_view bad_example;  // Markdown or front matter that it reports
  std::string_view good_example; // the same, written so it passes
  std::string_view options;      // the rule's review.yaml options, "" when none
  core::Severity default_severity = core::Severity::error;
  bool repo_level = false; // checks the repo as a whole (coverage, duplicate ids)
};

// What every check can read: the config, the rule's own options, today.
struct RuleContext {
  const core::Config& config;
  const core::YamlValue& options; // the rule's mapping in review.yaml (null when absent)
  core::Date today;
  std::vector<core::FiscalQuarter> quarters; // --quarter, for repo-level rules; empty for all
  // Every review file of the repo (display paths), also when only some are linted:
  // duplicate ids and links are judged against the whole repo.
  std::span<const std::string> repo_paths = {};
  // True when the whole repo is linted (no PATH, no --changed): rules that judge the
  // repo as a whole (coverage) only speak then.
  bool whole_repo = true;
};

// Collects one rule's findings; the engine fills in rule id, severity and file.
class Findings {
public:
  Findings(std::string_view rule, core::Severity severity) : m_rule(rule), m_severity(severity) {}

  void report(const std::string& file, core::Position position, std::string message,
              std::string hint = {});
  // Same, softer than the rule's severity (an overdue action is a warning in a rule
  // whose findings are errors). The rule's configured severity caps it: a rule set
  // to `suggestion` in review.yaml never reports a warning.
  void report_as(core::Severity severity, const std::string& file, core::Position position,
                 std::string message, std::string hint = {});

  std::vector<core::Diagnostic>& diagnostics() { return m_diagnostics; }

private:
  std::string m_rule;
  core::Severity m_severity;
  std::vector<core::Diagnostic> m_diagnostics;
};

using FileCheck = void (*)(const core::Review& review, const RuleContext& context,
                           Findings& findings);
using RepoCheck = void (*)(std::span<const core::Review> reviews, const RuleContext& context,
                           Findings& findings);
// Validates the rule's options in review.yaml once per run; findings go to the config file.
using OptionsCheck = void (*)(const core::YamlValue& options, const std::string& config_file,
                              Findings& findings);
// Builds, once per process, what the checks share (compiled patterns). The engine runs
// it in the background while it lists the files and asks git what changed.
using Prepare = void (*)();

struct Rule {
  RuleDoc doc;
  FileCheck check_file = nullptr; // at least one of the two is set; a rule may have both
  RepoCheck check_repo = nullptr; // (consistency checks each file, and ids across the repo)
  // The option keys the rule reads (besides `severity`); others are reported with
  // "did you mean". Left empty by a rule that has options, no key check is made.
  std::span<const std::string_view> option_keys = {};
  OptionsCheck check_options = nullptr;
  Prepare prepare = nullptr;
};

// The registry (lint/registry.cpp), in the order `review rules` lists them.
std::span<const Rule> all_rules();
const Rule* find_rule(std::string_view id);

} // namespace review::lint
