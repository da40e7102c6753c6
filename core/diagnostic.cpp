#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace review::core {

std::string_view severity_name(Severity severity) {
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::suggestion:
    return "suggestion";
  case Severity::off:
    return "off";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "suggestion") return Severity::suggestion;
  if (text == "off") return Severity::off;
  return std::nullopt;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.position, a.rule, a.message) <
         std::tie(b.file, b.position, b.rule, b.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);
}

} // namespace review::core
