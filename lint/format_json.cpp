// The json format, for scripts and editors: every finding and a summary.
#include "lint/format.hpp"

#include <nlohmann/json.hpp>

namespace review::lint {

std::string format_json(const LintReport& report, const FormatOptions& options) {
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const core::Diagnostic* d : shown_diagnostics(report, options)) {
    diagnostics.push_back({
        {"file", d->file},
        {"line", d->position.line},
        {"column", d->position.column},
        {"severity", core::severity_name(d->severity)},
        {"rule", d->rule},
        {"message", d->message},
        {"hint", d->hint},
    });
  }
  const nlohmann::ordered_json out = {
      {"diagnostics", std::move(diagnostics)},
      {"summary",
       {
           {"errors", report.errors},
           {"warnings", report.warnings},
           {"suggestions", report.suggestions},
           {"files", report.files_checked},
       }},
  };
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace review::lint
