#include "lint/rule.hpp"

#include <algorithm>

namespace review::lint {

void Findings::report(const std::string& file, core::Position position, std::string message,
                      std::string hint) {
  report_as(m_severity, file, position, std::move(message), std::move(hint));
}

void Findings::report_as(core::Severity severity, const std::string& file, core::Position position,
                         std::string message, std::string hint) {
  // Severity values run from error to off, so the larger is the softer.
  severity = std::max(severity, m_severity);
  m_diagnostics.push_back(
      core::Diagnostic{m_rule, severity, std::move(message), std::move(hint), file, position});
}

} // namespace review::lint
