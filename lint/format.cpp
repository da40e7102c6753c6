#include "lint/format.hpp"

#include <fmt/format.h>

namespace review::lint {
namespace {

std::string counted(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

} // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "github") return Format::github;
  if (name == "sarif") return Format::sarif;
  return std::nullopt;
}

std::string format_report(Format format, const LintReport& report, const FormatOptions& options) {
  switch (format) {
  case Format::text:
    return format_text(report, options);
  case Format::json:
    return format_json(report, options);
  case Format::github:
    return format_github(report, options);
  case Format::sarif:
    return format_sarif(report, options);
  }
  return format_text(report, options);
}

std::vector<const core::Diagnostic*> shown_diagnostics(const LintReport& report,
                                                       const FormatOptions& options) {
  std::vector<const core::Diagnostic*> shown;
  shown.reserve(report.diagnostics.size());
  for (const auto& diagnostic : report.diagnostics) {
    if (!options.quiet || diagnostic.severity == core::Severity::error)
      shown.push_back(&diagnostic);
  }
  return shown;
}

std::string summary_line(const LintReport& report, const FormatOptions& options) {
  std::vector<std::string> parts;
  if (report.errors > 0) parts.push_back(counted(report.errors, "error"));
  if (!options.quiet && report.warnings > 0) parts.push_back(counted(report.warnings, "warning"));
  if (!options.quiet && report.suggestions > 0)
    parts.push_back(counted(report.suggestions, "suggestion"));
  const std::string files = counted(report.files_checked, "file");
  if (parts.empty()) return fmt::format("no findings in {}", files);
  return fmt::format("{} in {}", fmt::join(parts, ", "), files);
}

} // namespace review::lint
