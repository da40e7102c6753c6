// Every subcommand's setup function. Each lives in its own cli/cmd_*.cpp: it
// declares its options on the CLI11 subcommand and, when chosen, runs and stores
// its exit code (0 clean, 1 findings, 2 usage, config, I/O or git failure).
#pragma once

#include <CLI/CLI.hpp>

namespace review::cli {

using SetupFunction = void (*)(CLI::App& app, int& exit_code);

struct CommandSpec {
  const char* name;
  SetupFunction setup;
};

void setup_init(CLI::App& app, int& exit_code);
void setup_new(CLI::App& app, int& exit_code);
void setup_list(CLI::App& app, int& exit_code);
void setup_actions(CLI::App& app, int& exit_code);
void setup_stats(CLI::App& app, int& exit_code);
void setup_coverage(CLI::App& app, int& exit_code);
void setup_plan(CLI::App& app, int& exit_code);
void setup_lint(CLI::App& app, int& exit_code);
void setup_rules(CLI::App& app, int& exit_code);
void setup_summary(CLI::App& app, int& exit_code);
void setup_hooks(CLI::App& app, int& exit_code);
void setup_build(CLI::App& app, int& exit_code);
void setup_serve(CLI::App& app, int& exit_code);

} // namespace review::cli
