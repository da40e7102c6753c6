// The github format: workflow commands, so that GitHub Actions shows each finding
// inline on the pull request. Escaping follows the runner's rules: in the message
// % \r \n; in properties also : and ,.
#include "lint/format.hpp"

#include <fmt/format.h>

namespace review::lint {
namespace {

std::string escape_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
    case ':':
      out += "%3A";
      break;
    case ',':
      out += "%2C";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string_view command_of(core::Severity severity) {
  switch (severity) {
  case core::Severity::error:
    return "error";
  case core::Severity::warning:
    return "warning";
  case core::Severity::suggestion:
  case core::Severity::off:
    break;
  }
  return "notice";
}

} // namespace

std::string format_github(const LintReport& report, const FormatOptions& options) {
  std::string out;
  for (const core::Diagnostic* d : shown_diagnostics(report, options)) {
    std::string properties = fmt::format("file={}", escape_property(d->file));
    if (d->position.line > 0)
      properties += fmt::format(",line={},col={}", d->position.line, d->position.column);
    properties +=
        fmt::format(",title={}", escape_property(fmt::format("review lint: {}", d->rule)));
    std::string message = d->message;
    if (!d->hint.empty()) message += "\nhint: " + d->hint;
    out += fmt::format("::{} {}::{}\n", command_of(d->severity), properties, escape_data(message));
  }
  out += summary_line(report, options) + "\n";
  return out;
}

} // namespace review::lint
