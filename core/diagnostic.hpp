// Findings as plain data: where, how severe, what, and how to fix it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

enum class Severity { error, warning, suggestion, off };

std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// 1-based line and column (column counted in Unicode code points); 0 means unknown.
struct Position {
  int line = 0;
  int column = 0;

  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Diagnostic {
  std::string rule; // rule id, e.g. "front-matter"
  Severity severity = Severity::error;
  std::string message; // lowercase, quotes the user's value, says what was expected
  std::string hint;    // how to fix it; may be empty
  std::string file;    // path as shown to the user
  Position position;
};

// Orders by file, line, column, rule, message: the deterministic order of every report.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace review::core
