#include "cli/report_common.hpp"

#include "cli/terminal.hpp"
#include "core/error.hpp"
#include "core/front_matter_cache.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace review::cli {

LoadedRepo load_repo() {
  LoadedRepo repo;
  repo.config = core::load_config(std::filesystem::current_path());
  core::FrontMatterCache cache = core::FrontMatterCache::for_repo(repo.config);
  repo.scan = core::scan_repo(repo.config, 0, &cache);
  cache.save(true);
  for (const auto& problem : repo.scan.problems) {
    std::cerr << fmt::format("{}: warning: {} (left out) [{}]\n", problem.file, problem.message,
                             problem.rule);
  }
  for (const auto& review : repo.scan.reviews) repo.reviews.push_back(&review);
  return repo;
}

void add_format_option(CLI::App& command, std::string& value,
                       const std::vector<std::string>& allowed) {
  value = allowed.front();
  command
      .add_option(
          "--format", value,
          fmt::format("Output format: {} (default {})", fmt::join(allowed, ", "), allowed.front()))
      ->check(CLI::IsMember(allowed));
}

site::ReportFormat report_format(const std::string& value) {
  if (auto format = site::parse_report_format(value)) return *format;
  throw core::Error(fmt::format("--format must be table, json, csv or markdown, got '{}'", value));
}

void print_report(site::ReportFormat format, const Renderer& table, const Renderer& json,
                  const Renderer& csv, const Renderer& markdown) {
  switch (format) {
  case site::ReportFormat::json:
    std::cout << json();
    break;
  case site::ReportFormat::csv:
    std::cout << csv();
    break;
  case site::ReportFormat::markdown:
    std::cout << markdown();
    break;
  case site::ReportFormat::table:
    std::cout << table();
    break;
  }
}

std::size_t table_width() {
  return static_cast<std::size_t>(terminal_width());
}

core::Date today_option(const std::string& value) {
  if (value.empty()) return core::today_local();
  if (auto date = core::parse_iso_date(value)) return *date;
  throw core::Error(fmt::format(
      "--today must be a date written YYYY-MM-DD, such as 2026-11-27, got '{}'", value));
}

} // namespace review::cli
