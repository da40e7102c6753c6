// Report formatters: each reads a LintReport and returns the text to print, in its
// own file (format_text.cpp, format_json.cpp, format_github.cpp, format_sarif.cpp).
// None prints and none decides the exit code: the CLI does.
#pragma once

#include "lint/engine.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::lint {

enum class Format { text, json, github, sarif };
std::optional<Format> parse_format(std::string_view name);

struct FormatOptions {
  bool color = false;       // text only; the CLI decides (a terminal, and no NO_COLOR)
  bool quiet = false;       // errors only: warnings and suggestions are left out
  std::string tool_version; // written into SARIF's tool.driver.version
};

// `path:line:col: severity: message [rule]`, the source line with a caret under the
// column (display-width aware), `  hint: …`, then a summary line.
std::string format_text(const LintReport& report, const FormatOptions& options);
// {"diagnostics":[{file,line,column,severity,rule,message,hint}],"summary":{errors,warnings,suggestions,files}}
std::string format_json(const LintReport& report, const FormatOptions& options);
// GitHub Actions workflow commands (::error file=…,line=…,col=…,title=…::message).
std::string format_github(const LintReport& report, const FormatOptions& options);
// SARIF 2.1.0 with every rule's metadata, ready for code-scanning upload.
std::string format_sarif(const LintReport& report, const FormatOptions& options);

std::string format_report(Format format, const LintReport& report, const FormatOptions& options);

// Shared by the formatters: the findings to show (all, or only errors when quiet)
// and "2 errors, 1 warning in 14 files".
std::vector<const core::Diagnostic*> shown_diagnostics(const LintReport& report,
                                                       const FormatOptions& options);
std::string summary_line(const LintReport& report, const FormatOptions& options);

} // namespace review::lint
