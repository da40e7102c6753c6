// The github formatter: workflow commands with the runner's exact escaping.
#include "lint/format.hpp"

#include <doctest/doctest.h>

namespace {

using review::core::Diagnostic;
using review::core::Severity;

TEST_CASE("format_github") {
  review::lint::LintReport report;
  report.files_checked = 2;

  SUBCASE("one command per finding, severities mapped, message and hint escaped") {
    report.diagnostics = {
        Diagnostic{"privacy",
                   Severity::error,
                   "100% sure:\r\nline two",
                   "hint, with: colon",
                   "reviews/a,b:c.md",
                   {3, 7}},
        Diagnostic{"brevity", Severity::warning, "long", "", "reviews/x.md", {1, 1}},
        Diagnostic{
            "customer-voice", Severity::suggestion, "quote them", "", "reviews/x.md", {5, 4}},
        Diagnostic{"file", Severity::error, "unreadable", "", "reviews/y.md", {}},
    };
    report.errors = 2;
    report.warnings = 1;
    report.suggestions = 1;
    CHECK(
        review::lint::format_github(report, {}) ==
        "::error file=reviews/a%2Cb%3Ac.md,line=3,col=7,title=review lint%3A privacy::100%25 "
        "sure:%0D%0Aline "
        "two%0Ahint: hint, with: colon\n"
        "::warning file=reviews/x.md,line=1,col=1,title=review lint%3A brevity::long\n"
        "::notice file=reviews/x.md,line=5,col=4,title=review lint%3A customer-voice::quote them\n"
        "::error file=reviews/y.md,title=review lint%3A file::unreadable\n"
        "2 errors, 1 warning, 1 suggestion in 2 files\n");
  }

  SUBCASE("a percent sign in a property is escaped before the colon and comma") {
    report.diagnostics = {
        Diagnostic{"links", Severity::error, "m", "", "reviews/100%,:.md", {1, 1}}};
    CHECK(review::lint::format_github(report, {})
              .starts_with("::error file=reviews/100%25%2C%3A.md,line=1,col=1,"));
  }
}

} // namespace
