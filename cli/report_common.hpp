// What the report commands (`list`, `actions`, `stats`, `coverage`) share: loading
// the repo's reviews with a warning per unreadable file, and the --format and
// --today options.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/repo.hpp"
#include "site/report.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace review::cli {

struct LoadedRepo {
  core::Config config;
  core::RepoScan scan;
  std::vector<const core::Review*> reviews; // every review, confidential ones included
};

// Loads review.yaml and every review from the working directory; files that could
// not be read are reported on stderr as warnings and left out.
LoadedRepo load_repo();

// Adds --format with the allowed values (the first is the default).
void add_format_option(CLI::App& command, std::string& value,
                       const std::vector<std::string>& allowed);
site::ReportFormat report_format(const std::string& value);

// Writes the chosen format's text to stdout; each renderer runs only when chosen.
// `markdown` is empty for commands that do not offer it.
using Renderer = std::function<std::string()>;
void print_report(site::ReportFormat format, const Renderer& table, const Renderer& json,
                  const Renderer& csv, const Renderer& markdown = {});

// The width tables are fitted to: the terminal's, or COLUMNS.
std::size_t table_width();

// "--today" as typed: empty for today, else YYYY-MM-DD.
core::Date today_option(const std::string& value);

} // namespace review::cli
