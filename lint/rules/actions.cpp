// actions: each task item of the next-time section is an action another team takes
// on: `- [ ] product: Ship audit-trail export (owner: Priya Nair; due: 2026-10-15)`.
// Reported: no team or an unknown one ("did you mean"), no owner, a missing or
// malformed due date, and a won or lost review that hands no action to anyone. With
// the option `overdue: true`, also an open action past its due date (`--today` pins
// the date). It is off by default so that a review which lints clean today still does
// next month; `review actions --fail-on-overdue` is the scheduled check for follow-up.
// Why: the value of a review reaches other functions — product, marketing, finance,
// enablement — only through actions with an owner and a date.
//   bad:  - [ ] prodcut: CIO deck
//   good: - [ ] marketing: CIO deck on compliance value (owner: Lena Park; due: 2026-09-30)
#include "core/text.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace review::lint {
namespace {

constexpr std::array<std::string_view, 1> k_option_keys = {"overdue"};

constexpr std::string_view k_format = "`- [ ] team: what (owner: Name; due: YYYY-MM-DD)`";

// The list item an action was read from, to point at its "due:" or closing parenthesis.
const core::Block* block_of(const core::Review& review, const core::Action& action) {
  for (const auto& block : review.body.blocks) {
    if (block.kind != core::BlockKind::list_item) continue;
    const std::size_t start = block.text.find_first_not_of(" \t\n");
    if (start != std::string::npos && block.position_at(start) == action.team_position)
      return &block;
  }
  return nullptr;
}

// Where a field is written ("due" → its key), else the end of the item's text.
core::Position field_position(const core::Review& review, const core::Action& action,
                              std::string_view key) {
  const core::Block* block = block_of(review, action);
  if (block == nullptr) return action.team_position;
  const std::string lowered = core::to_lower_ascii(block->text);
  const std::size_t at = lowered.rfind(key);
  if (!key.empty() && at != std::string::npos) return block->position_at(at);
  const std::size_t end = block->text.find_last_not_of(" \t\n");
  return block->position_at(end == std::string::npos ? 0 : end + 1);
}

void check_action(const core::Review& review, const core::Action& action,
                  const RuleContext& context, Findings& findings) {
  const auto& teams = context.config.teams;
  const std::string team_list = core::join_alternatives(teams);
  if (action.team.empty()) {
    findings.report(review.path, action.team_position, "this action names no team",
                    fmt::format("start it with the team that takes it on, as {}; teams: {}",
                                k_format, team_list));
  } else if (std::find(teams.begin(), teams.end(), action.team) == teams.end()) {
    std::string message = fmt::format("unknown team '{}'", action.team);
    if (auto suggestion = core::did_you_mean(action.team, teams))
      message += fmt::format(" — did you mean '{}'?", *suggestion);
    findings.report(
        review.path, action.team_position, std::move(message),
        fmt::format("teams: {}; add your own under `teams:` in review.yaml", team_list));
  }
  if (action.owner.empty()) {
    findings.report(review.path, field_position(review, action, "owner"),
                    "this action has no owner",
                    fmt::format("name the person who will see it through: {}", k_format));
  }
  if (action.due_text.empty()) {
    findings.report(review.path, field_position(review, action, ""), "this action has no due date",
                    fmt::format("agree a date with its owner and add it: {}", k_format));
  } else if (!action.due) {
    findings.report(review.path, field_position(review, action, "due"),
                    fmt::format("due date '{}' is not a date written YYYY-MM-DD", action.due_text),
                    "for example `due: 2026-10-15`");
  } else if (action.status == core::ActionStatus::open && *action.due < context.today &&
             option_boolean(context.options, "overdue", false)) {
    const long days = context.today.days_since_epoch() - action.due->days_since_epoch();
    findings.report_as(
        core::Severity::warning, review.path, action.position,
        fmt::format("this action was due on {}, {} day{} ago, and is still open",
                    action.due->to_string(), days, days == 1 ? "" : "s"),
        "tick it `[x]` if it is done, strike it through `~~…~~` if it was dropped, or agree a new "
        "due date with its owner");
  }
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_boolean_option(options, "actions", "overdue", config_file, findings);
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  for (const auto& action : review.body.actions) {
    if (action.status != core::ActionStatus::dropped)
      check_action(review, action, context, findings);
  }
  const core::Section* next_time = review.body.find_section("next-time");
  if (!review.body.actions.empty() || next_time == nullptr || !next_time->has_content) return;
  if (!review.outcome.present || *review.outcome == core::Outcome::no_decision) return;
  findings.report_as(
      core::Severity::warning, review.path, next_time->position,
      "this review hands no action to another team",
      fmt::format(
          "what will product, marketing, finance or enablement do differently? add one task "
          "item per action: {}",
          k_format));
}

} // namespace

const Rule& actions_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "actions",
              .summary = "actions without a known team, an owner or a due date; a won or lost "
                         "review with no action; with `overdue: true`, open actions past due",
              .why = "A review pays off when other functions act on it: product closes a feature "
                     "gap, marketing writes the CIO deck, finance models net impact, enablement "
                     "trains the team. Each task item in the next-time section is such an action, "
                     "and it happens only with a team, an owner and a date. A won or lost review "
                     "that hands no action to anyone is a warning. Whether an action is late "
                     "depends on the calendar, not on the review, so lint leaves it to "
                     "`review actions --overdue` unless `overdue: true` asks for a warning on each "
                     "open action past its date (`review lint --today YYYY-MM-DD` pins the date). "
                     "Done `[x]` actions are not chased, and struck-through ones are dropped.",
              .bad_example = "## What we will do differently\n- [ ] prodcut: audit-trail export\n- "
                             "[ ] CIO deck",
              .good_example = "## What we will do differently\n- [ ] product: Ship configurable "
                              "audit-trail export "
                              "(owner: Priya Nair; due: 2026-10-15)\n- [x] marketing: CIO deck on "
                              "compliance value "
                              "(owner: Lena Park; due: 2026-09-30)",
              .options = "overdue: warn about open actions past their due date (default false)",
              .default_severity = core::Severity::error,
          },
      .check_file = &check,
      .option_keys = k_option_keys,
      .check_options = &check_options,
  };
  return rule;
}

} // namespace review::lint
