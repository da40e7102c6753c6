// The json formatter: valid JSON with every field of every finding, and a summary.
#include "lint/format.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

using review::core::Diagnostic;
using review::core::Severity;

TEST_CASE("format_json") {
  review::lint::LintReport report;
  report.diagnostics = {
      Diagnostic{"blame-language",
                 Severity::warning,
                 "'dropped the ball' \"blames\" a person\n",
                 "ask what made it reasonable",
                 "reviews/2026/北京.md",
                 {12, 5}},
      Diagnostic{"file", Severity::error, "bad bytes \xFF", "", "reviews/x.md", {}},
  };
  report.errors = 1;
  report.warnings = 1;
  report.files_checked = 14;

  SUBCASE("parses, with each field") {
    const auto json = nlohmann::json::parse(review::lint::format_json(report, {}));
    REQUIRE(json["diagnostics"].size() == 2);
    const auto& first = json["diagnostics"][0];
    CHECK(first["file"] == "reviews/2026/北京.md");
    CHECK(first["line"] == 12);
    CHECK(first["column"] == 5);
    CHECK(first["severity"] == "warning");
    CHECK(first["rule"] == "blame-language");
    CHECK(first["message"] == "'dropped the ball' \"blames\" a person\n");
    CHECK(first["hint"] == "ask what made it reasonable");
    CHECK(json["diagnostics"][1]["message"] ==
          "bad bytes \xEF\xBF\xBD"); // invalid UTF-8 replaced, not thrown
    CHECK(json["summary"] ==
          nlohmann::json{{"errors", 1}, {"warnings", 1}, {"suggestions", 0}, {"files", 14}});
  }

  SUBCASE("quiet keeps errors only; the summary still counts everything") {
    review::lint::FormatOptions quiet;
    quiet.quiet = true;
    const auto json = nlohmann::json::parse(review::lint::format_json(report, quiet));
    REQUIRE(json["diagnostics"].size() == 1);
    CHECK(json["diagnostics"][0]["rule"] == "file");
    CHECK(json["summary"]["warnings"] == 1);
  }

  SUBCASE("no findings") {
    const auto json =
        nlohmann::json::parse(review::lint::format_json(review::lint::LintReport{}, {}));
    CHECK(json["diagnostics"].is_array());
    CHECK(json["diagnostics"].empty());
  }
}

} // namespace
