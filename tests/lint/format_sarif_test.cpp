// The sarif formatter's structure; tests/node/sarif.test.mjs validates the output of
// the binary against the official SARIF 2.1.0 schema.
#include "lint/format.hpp"
#include "lint/rule.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

using review::core::Diagnostic;
using review::core::Severity;

TEST_CASE("format_sarif") {
  review::lint::LintReport report;
  report.diagnostics = {
      Diagnostic{"placeholders",
                 Severity::error,
                 "'TODO' is still in the text",
                 "finish it",
                 "reviews/2026/华信 证券.md",
                 {26, 60}},
      Diagnostic{"customer-voice", Severity::suggestion, "quote them", "", "reviews/x.md", {5, 4}},
      Diagnostic{"config", Severity::warning, "unknown rule", "", "review.yaml", {2, 3}},
      Diagnostic{"file", Severity::error, "unreadable", "", "reviews/y.md", {}},
  };
  review::lint::FormatOptions options;
  options.tool_version = "1.2.3";
  const auto log = nlohmann::json::parse(review::lint::format_sarif(report, options));

  SUBCASE("a 2.1.0 log with one run") {
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    REQUIRE(log["runs"].size() == 1);
    CHECK(log["runs"][0]["columnKind"] == "unicodeCodePoints");
  }

  SUBCASE("every rule's metadata, and the findings that are not rules") {
    const auto& driver = log["runs"][0]["tool"]["driver"];
    CHECK(driver["name"] == "review");
    CHECK(driver["version"] == "1.2.3");
    const auto& rules = driver["rules"];
    CHECK(rules.size() == review::lint::all_rules().size() + 3);
    const auto& first = rules[0];
    CHECK(first["id"] == "front-matter");
    CHECK(first["shortDescription"]["text"] ==
          std::string(review::lint::all_rules()[0].doc.summary));
    CHECK(first["fullDescription"]["text"] == std::string(review::lint::all_rules()[0].doc.why));
    CHECK(first["help"]["text"].get<std::string>().find("Reported:\n---\ntitle:") !=
          std::string::npos);
    CHECK(first["defaultConfiguration"]["level"] == "error");
  }

  SUBCASE("results point at their rule, with levels and locations") {
    const auto& results = log["runs"][0]["results"];
    const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(results.size() == 4);
    for (const auto& result : results)
      CHECK(rules[result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);
    CHECK(results[0]["level"] == "error");
    CHECK(results[0]["message"]["text"] == "'TODO' is still in the text\nhint: finish it");
    const auto& location = results[0]["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] ==
          "reviews/2026/%E5%8D%8E%E4%BF%A1%20%E8%AF%81%E5%88%B8.md");
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(location["region"] == nlohmann::json{{"startLine", 26}, {"startColumn", 60}});
    CHECK(results[1]["level"] == "note");
    CHECK(results[2]["level"] == "warning");
    CHECK_FALSE(results[3]["locations"][0]["physicalLocation"].contains("region"));
  }
}

} // namespace
