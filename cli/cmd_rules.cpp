// `review rules [RULE]`: every lint rule with what it catches, or one rule in full
// (why it matters for a win/loss review, a reported and a better example, options).
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "lint/rule.hpp"
#include "lint/rule_docs.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct RulesOptions {
  std::string rule;
  std::string format = "text";
};

int run_rules(const RulesOptions& options) {
  if (options.format == "markdown") {
    std::cout << lint::rules_markdown();
    return 0;
  }
  if (options.rule.empty()) {
    std::cout << lint::rules_overview();
    return 0;
  }
  if (const lint::Rule* rule = lint::find_rule(options.rule)) {
    std::cout << lint::rule_details(*rule);
    return 0;
  }
  std::vector<std::string> ids;
  for (const auto& rule : lint::all_rules()) ids.emplace_back(rule.doc.id);
  std::string message = fmt::format("unknown rule '{}'", options.rule);
  if (auto suggestion = core::did_you_mean(options.rule, ids))
    message += fmt::format(" — did you mean '{}'?", *suggestion);
  throw core::Error(message + "\nrun `review rules` to see every rule");
}

} // namespace

void setup_rules(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RulesOptions>();
  auto* command = app.add_subcommand(
      "rules", "List the lint rules, or show one: what it catches, why, an example");
  command->add_option("rule", options->rule, "A rule id, e.g. blame-language");
  command->add_option("--format", options->format, "text, or markdown (the whole of docs/rules.md)")
      ->check(CLI::IsMember({"text", "markdown"}));
  command->callback([options, &exit_code] { exit_code = run_rules(*options); });
}

} // namespace review::cli
