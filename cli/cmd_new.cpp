// `review new`: scaffold a review from a template; prompts on a terminal for what is missing.
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/review.hpp"
#include "core/scaffold.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

namespace review::cli {
namespace {

struct NewOptions {
  core::NewReviewFields fields;
  std::string close_date;
  std::string review_date;
  std::vector<std::string> competitors;
  bool no_input = false;
  bool branch = false;
  bool edit = false;
};

std::optional<core::Date> parse_date_flag(const std::string& text, std::string_view flag) {
  if (text.empty()) return std::nullopt;
  if (text == "today") return core::today_local();
  if (auto date = core::parse_iso_date(text)) return date;
  throw core::Error(fmt::format("{} must be a date written YYYY-MM-DD, got '{}'", flag, text));
}

// Asks for each missing required field, with defaults from git and today's date.
void prompt_for_missing(NewOptions& options, const std::optional<core::GitRepo>& repo) {
  auto& f = options.fields;
  const auto ask = [](std::string_view question, std::string_view fallback) {
    auto answer = prompt(question, fallback);
    if (!answer) throw core::Error("input ended before every field was given; nothing was written");
    return *answer;
  };
  while (core::parse_outcome(f.outcome) == std::nullopt) {
    f.outcome = ask("Outcome (won, lost, no-decision)", "");
  }
  while (core::trim(f.account).empty()) f.account = ask("Account", "");
  if (core::trim(f.account_executive).empty()) {
    const std::string fallback = repo ? repo->user_name().value_or("") : "";
    f.account_executive = ask("Account executive", fallback);
  }
  while (!f.close_date) {
    const std::string answer = ask("Close date (YYYY-MM-DD)", core::today_local().to_string());
    f.close_date = core::parse_iso_date(answer);
    if (!f.close_date) std::cerr << "  please write the date as YYYY-MM-DD, e.g. 2026-08-14\n";
  }
  if (f.outcome == "lost" && f.lost_to.empty() && f.competitors.empty()) {
    f.lost_to = ask("Lost to (a competitor, incumbent, in-house or unknown)", "unknown");
  }
}

void open_editor(const std::filesystem::path& path) {
  const char* editor = std::getenv("VISUAL");
  if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
  if (editor == nullptr || *editor == '\0') {
    std::cerr << "review: --edit needs $VISUAL or $EDITOR; the file is written, open it yourself\n";
    return;
  }
  std::string quoted = "'";
  for (char c : path.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  const std::string command = std::string(editor) + " " + quoted;
  if (std::system(command.c_str()) != 0)
    std::cerr << "review: the editor exited with an error; the file is kept\n";
}

int run_new(NewOptions& options) {
  const core::Config config = core::load_config(std::filesystem::current_path());
  auto& f = options.fields;
  f.close_date = parse_date_flag(options.close_date, "--close-date");
  f.review_date = parse_date_flag(options.review_date, "--review-date");
  f.competitors = options.competitors;
  if (f.language.empty()) f.language = config.language;
  if (!f.outcome.empty() && !core::parse_outcome(f.outcome))
    throw core::Error(
        fmt::format("--outcome must be won, lost or no-decision, got '{}'", f.outcome));

  auto repo = core::GitRepo::discover(config.root);
  if (!options.no_input && is_interactive()) prompt_for_missing(options, repo);

  const auto relative = core::review_relative_path(config, f).generic_string();
  if (options.branch) {
    if (!repo)
      throw core::Error("--branch needs a git repository; run `git init` (or `review init`) first");
    const auto path = config.root / relative;
    if (std::filesystem::exists(path))
      throw core::Error(fmt::format(
          "{} already exists, so nothing was written and no branch was created", relative));
    const std::string branch = "review/" + path.stem().string();
    const auto dirty = repo->dirty_paths();
    const auto repo_relative = std::filesystem::relative(path, repo->workdir()).generic_string();
    for (const auto& dirty_path : dirty) {
      if (dirty_path == repo_relative)
        throw core::Error(fmt::format(
            "{} has uncommitted changes; commit or stash them before `review new --branch`",
            dirty_path));
    }
    repo->create_branch_and_checkout(branch);
    std::cerr << fmt::format("switched to a new branch '{}'\n", branch);
  }
  const auto result = core::create_review(config, f);
  std::cout << config.display_path(result.path) << "\n";
  if (options.edit) open_editor(result.path);
  return 0;
}

} // namespace

void setup_new(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<NewOptions>();
  auto& f = options->fields;
  auto* command = app.add_subcommand(
      "new", "Scaffold a review from a template and print its path (never overwrites)");
  command->add_option("--outcome", f.outcome, "won, lost or no-decision");
  command->add_option("--account", f.account, "Customer account name");
  command->add_option("--ae", f.account_executive,
                      "Account executive (default on a terminal: git user.name)");
  command->add_option("--close-date", options->close_date, "Date the deal closed, YYYY-MM-DD");
  command->add_option("--review-date", options->review_date,
                      "Date of the review, YYYY-MM-DD (default today)");
  command->add_option("--title", f.title, "Title (default: the account and outcome)");
  command->add_option("--amount", f.amount, "Deal amount, a number");
  command->add_option("--currency", f.currency, "Currency code, e.g. USD");
  command->add_option("--competitor", options->competitors,
                      "A competitor in the deal (repeatable)");
  command->add_option("--lost-to", f.lost_to,
                      "Who the customer chose (lost only; default the first competitor)");
  command->add_option("--segment", f.segment, "Segment, e.g. enterprise");
  command->add_option("--region", f.region, "Region, e.g. EMEA");
  command->add_option("--crm-id", f.crm_id, "The deal's id in your CRM");
  command
      ->add_option("--lang", f.language, "Template language: en or zh (default from review.yaml)")
      ->check(CLI::IsMember({"en", "zh"}));
  command->add_option("--template", f.template_name, "Template name (default: the outcome)");
  command->add_flag("--no-input", options->no_input,
                    "Never prompt; fail when a required field is missing");
  command->add_flag("--branch", options->branch,
                    "Create and switch to git branch review/<id> first");
  command->add_flag("--edit", options->edit, "Open the new file in $VISUAL or $EDITOR");
  f.language.clear();
  command->callback([options, &exit_code] { exit_code = run_new(*options); });
}

} // namespace review::cli
