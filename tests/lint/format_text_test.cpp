// The text formatter: message line, source excerpt with a caret, hint, summary.
#include "lint/format.hpp"

#include <doctest/doctest.h>

namespace {

using review::core::Diagnostic;
using review::core::Severity;
using review::lint::format_text;
using review::lint::FormatOptions;
using review::lint::LintReport;

LintReport report_of(std::vector<Diagnostic> diagnostics, std::string source,
                     std::size_t files = 3) {
  LintReport report;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error) ++report.errors;
    if (d.severity == Severity::warning) ++report.warnings;
    if (d.severity == Severity::suggestion) ++report.suggestions;
  }
  report.diagnostics = std::move(diagnostics);
  report.files_checked = files;
  report.sources["r.md"] = std::move(source);
  return report;
}

TEST_CASE("format_text") {
  SUBCASE("escape sequences from a review never reach the terminal") {
    const auto report = report_of(
        {Diagnostic{
            "actions", Severity::error, "unknown team '\x1b[2J'", "hint \x07", "r.md", {1, 14}}},
        "\x1b[31mred\x1b[0m blew it\n");
    CHECK(format_text(report, {}) == "r.md:1:14: error: unknown team '\xEF\xBF\xBD[2J' [actions]\n"
                                     "    \xEF\xBF\xBD[31mred\xEF\xBF\xBD[0m blew it\n"
                                     "                 ^\n"
                                     "  hint: hint \xEF\xBF\xBD\n"
                                     "\n"
                                     "1 error in 3 files\n");
  }

  SUBCASE("message, source line, caret, hint and summary") {
    const auto report = report_of({Diagnostic{"placeholders",
                                              Severity::error,
                                              "'TODO' is still in the text",
                                              "finish the thought",
                                              "r.md",
                                              {2, 7}}},
                                  "first\nThe CFO TODO said\n");
    CHECK(format_text(report, {}) == "r.md:2:7: error: 'TODO' is still in the text [placeholders]\n"
                                     "    The CFO TODO said\n"
                                     "          ^\n"
                                     "  hint: finish the thought\n"
                                     "\n"
                                     "1 error in 3 files\n");
  }

  SUBCASE("the caret sits under wide characters and tabs") {
    const auto report =
        report_of({Diagnostic{"privacy", Severity::warning, "m", "", "r.md", {1, 4}},
                   Diagnostic{"privacy", Severity::warning, "m", "", "r.md", {2, 4}}},
                  "手机：13812345678\n\tx\tTODO\n");
    CHECK(format_text(report, {}) == "r.md:1:4: warning: m [privacy]\n"
                                     "    手机：13812345678\n"
                                     "          ^\n"
                                     "r.md:2:4: warning: m [privacy]\n"
                                     "        x    TODO\n"
                                     "             ^\n"
                                     "\n"
                                     "2 warnings in 3 files\n");
  }

  SUBCASE("a long line is cut around the caret") {
    std::string line(150, 'a');
    line.replace(120, 4, "TODO");
    const auto report =
        report_of({Diagnostic{"placeholders", Severity::error, "m", "", "r.md", {1, 121}}}, line);
    const std::string out = format_text(report, {});
    const std::string expected_line =
        "    …" + std::string(60, 'a') + "TODO" + std::string(26, 'a') + "\n";
    CHECK(out.find(expected_line) != std::string::npos);
    CHECK(out.find("\n    " + std::string(61, ' ') + "^\n") != std::string::npos);
  }

  SUBCASE("findings without a position or a source line") {
    const auto report =
        report_of({Diagnostic{"file", Severity::error, "could not read", "", "x.md", {}}}, "");
    CHECK(format_text(report, {}) == "x.md: error: could not read [file]\n\n1 error in 3 files\n");
  }

  SUBCASE("colour only when asked") {
    const auto report =
        report_of({Diagnostic{"brevity", Severity::warning, "long", "", "r.md", {1, 1}}}, "text\n");
    CHECK(format_text(report, {}).find('\x1b') == std::string::npos);
    FormatOptions options;
    options.color = true;
    CHECK(format_text(report, options).find("\x1b[1;33mwarning:\x1b[0m") != std::string::npos);
  }

  SUBCASE("summaries") {
    const auto report = report_of({Diagnostic{"a", Severity::error, "m", "", "r.md", {}},
                                   Diagnostic{"a", Severity::error, "m", "", "r.md", {}},
                                   Diagnostic{"b", Severity::warning, "m", "", "r.md", {}},
                                   Diagnostic{"c", Severity::suggestion, "m", "", "r.md", {}}},
                                  "", 1);
    CHECK(format_text(report, {}).ends_with("\n2 errors, 1 warning, 1 suggestion in 1 file\n"));
    CHECK(format_text(report_of({}, "", 14), {}) == "no findings in 14 files\n");
  }

  SUBCASE("quiet shows errors only, and nothing at all when there are none") {
    FormatOptions quiet;
    quiet.quiet = true;
    const auto mixed = report_of({Diagnostic{"a", Severity::error, "bad", "", "r.md", {}},
                                  Diagnostic{"b", Severity::warning, "meh", "", "r.md", {}}},
                                 "");
    CHECK(format_text(mixed, quiet) == "r.md: error: bad [a]\n\n1 error in 3 files\n");
    const auto warnings =
        report_of({Diagnostic{"b", Severity::warning, "meh", "", "r.md", {}}}, "");
    CHECK(format_text(warnings, quiet) == "");
  }
}

} // namespace
