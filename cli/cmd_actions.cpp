// `review actions`: the follow-up ledger across reviews, overdue first.
#include "cli/commands.hpp"
#include "cli/report_common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "site/aggregate.hpp"
#include "site/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct ActionsOptions {
  std::vector<std::string> teams;
  std::string status;
  bool overdue = false;
  std::string today;
  std::string format;
  bool fail_on_overdue = false;
};

bool keep(const site::ActionEntry& entry, const ActionsOptions& options) {
  const core::Action& action = *entry.action;
  if (!options.teams.empty() &&
      std::none_of(options.teams.begin(), options.teams.end(), [&](const std::string& team) {
        return core::to_lower_ascii(team) == core::to_lower_ascii(action.team);
      }))
    return false;
  if (!options.status.empty() && core::action_status_name(action.status) != options.status)
    return false;
  return !options.overdue || entry.overdue;
}

int run_actions(const ActionsOptions& options) {
  const core::Date today = today_option(options.today);
  const site::ReportFormat format = report_format(options.format);
  const LoadedRepo repo = load_repo();
  for (const auto& team : options.teams) {
    const auto& known = repo.config.teams;
    if (std::find(known.begin(), known.end(), core::to_lower_ascii(team)) != known.end()) continue;
    std::string message =
        fmt::format("--team must be one of {}, got '{}'", core::join_alternatives(known), team);
    if (auto near = core::did_you_mean(team, known))
      message += fmt::format(" — did you mean '{}'?", *near);
    throw core::Error(message);
  }

  std::vector<site::ActionEntry> entries;
  for (const auto& entry : site::collect_actions(repo.reviews, today))
    if (keep(entry, options)) entries.push_back(entry);
  const site::ActionTally tally = site::tally_actions(entries);

  const auto table = [&] {
    if (entries.empty()) return std::string("No actions match.\n");
    return site::actions_table(entries, table_width()) +
           fmt::format("\n{} overdue, {} open, {} done, {} dropped (as of {})\n", tally.overdue,
                       tally.open, tally.done, tally.dropped, today.to_string());
  };
  print_report(
      format, table, [&] { return site::actions_json(entries); },
      [&] { return site::actions_csv(entries); }, [&] { return site::actions_markdown(entries); });
  if (!options.fail_on_overdue || tally.overdue == 0) return 0;
  // Where each one is written, so CI logs point at the line to update.
  std::cout.flush();
  for (const auto& entry : entries) {
    if (!entry.overdue) continue;
    const core::Action& action = *entry.action;
    std::cerr << fmt::format(
        "{}:{}:{}: error: the {}action '{}' was due {} and is still open; mark it done ([x]), "
        "give it a new due date, or strike it through (~~…~~) if it was dropped [actions]\n",
        entry.review->path, action.position.line, action.position.column,
        action.team.empty() ? "" : action.team + " ", action.text, action.due_text);
  }
  return 1;
}

} // namespace

void setup_actions(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ActionsOptions>();
  auto* command = app.add_subcommand(
      "actions", "The follow-up actions of every review, overdue first.\n"
                 "Exit codes: 0, or 1 with --fail-on-overdue when an open action is overdue");
  command->add_option("--team", options->teams,
                      "Only this team's actions (repeatable), e.g. product");
  command->add_option("--status", options->status, "open, done or dropped")
      ->check(CLI::IsMember({"open", "done", "dropped"}));
  command->add_flag("--overdue", options->overdue, "Only open actions past their due date");
  command->add_option("--today", options->today,
                      "Decide what is overdue as of this date, YYYY-MM-DD (default today)");
  add_format_option(*command, options->format, {"table", "json", "csv", "markdown"});
  command->add_flag("--fail-on-overdue", options->fail_on_overdue,
                    "Exit 1 when a listed action is overdue (for CI)");
  command->callback([options, &exit_code] { exit_code = run_actions(*options); });
}

} // namespace review::cli
