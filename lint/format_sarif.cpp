// The sarif format: SARIF 2.1.0 for code scanning (e.g. github/codeql-action/upload-sarif).
// tool.driver.rules carries every rule's documentation; results point into it by index.
#include "lint/format.hpp"
#include "lint/rule.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

namespace review::lint {
namespace {

using Json = nlohmann::ordered_json;

std::string_view level_of(core::Severity severity) {
  switch (severity) {
  case core::Severity::error:
    return "error";
  case core::Severity::warning:
    return "warning";
  case core::Severity::suggestion:
    return "note";
  case core::Severity::off:
    break;
  }
  return "none";
}

// Findings that come from the engine rather than from a rule of the registry.
struct ExtraRule {
  std::string_view id;
  std::string_view summary;
  std::string_view why;
  core::Severity severity;
};
constexpr ExtraRule k_extra_rules[] = {
    {"file", "a file that could not be read as a review",
     "A review must be a UTF-8 text file of reasonable size; files that are not are reported and "
     "skipped.",
     core::Severity::error},
    {"config", "a problem in review.yaml",
     "review.yaml configures the repo and its rules; an unknown key or rule, or a malformed value, "
     "means a "
     "setting is not applied.",
     core::Severity::error},
    {"review-lint", "a malformed review-lint control comment",
     "`<!-- review-lint disable RULE -->` and its kin must name known rules, or they switch "
     "nothing off.",
     core::Severity::warning},
};

// Relative paths as URI references: bytes outside the unreserved set are percent-encoded.
std::string to_uri(std::string_view path) {
  std::string out;
  for (const char byte : path) {
    const auto c = static_cast<unsigned char>(byte);
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += byte;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return path.starts_with('/') ? "file://" + out : out;
}

Json descriptor(std::string_view id, std::string_view summary, std::string_view why,
                std::string_view help_text, std::string_view help_markdown,
                core::Severity severity) {
  return Json{
      {"id", id},
      {"name", id},
      {"shortDescription", {{"text", summary}}},
      {"fullDescription", {{"text", why}}},
      {"help", {{"text", help_text}, {"markdown", help_markdown}}},
      {"defaultConfiguration", {{"level", level_of(severity)}}},
  };
}

} // namespace

std::string format_sarif(const LintReport& report, const FormatOptions& options) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> index;
  for (const Rule& rule : all_rules()) {
    const RuleDoc& doc = rule.doc;
    const std::string text = fmt::format("{}\n\nReported:\n{}\n\nBetter:\n{}", doc.why,
                                         doc.bad_example, doc.good_example);
    const std::string markdown =
        fmt::format("{}\n\nReported:\n\n```markdown\n{}\n```\n\nBetter:\n\n```markdown\n{}\n```",
                    doc.why, doc.bad_example, doc.good_example);
    index.emplace(doc.id, rules.size());
    rules.push_back(descriptor(doc.id, doc.summary, doc.why, text, markdown, doc.default_severity));
  }
  for (const auto& extra : k_extra_rules) {
    index.emplace(extra.id, rules.size());
    rules.push_back(
        descriptor(extra.id, extra.summary, extra.why, extra.why, extra.why, extra.severity));
  }

  Json results = Json::array();
  for (const core::Diagnostic* d : shown_diagnostics(report, options)) {
    Json physical = {{"artifactLocation", {{"uri", to_uri(d->file)}}}};
    if (!d->file.starts_with('/')) physical["artifactLocation"]["uriBaseId"] = "%SRCROOT%";
    if (d->position.line > 0)
      physical["region"] = {{"startLine", d->position.line},
                            {"startColumn", std::max(d->position.column, 1)}};
    Json result = {
        {"ruleId", d->rule},
        {"level", level_of(d->severity)},
        {"message",
         {{"text",
           d->hint.empty() ? d->message : fmt::format("{}\nhint: {}", d->message, d->hint)}}},
        {"locations", Json::array({{{"physicalLocation", std::move(physical)}}})},
    };
    if (auto it = index.find(d->rule); it != index.end()) result["ruleIndex"] = it->second;
    results.push_back(std::move(result));
  }

  Json driver = {
      {"name", "review"},
      {"informationUri", "https://github.com/dealreview/dealreview"},
      {"rules", std::move(rules)},
  };
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  const Json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Json::array({{
                   {"tool", {{"driver", std::move(driver)}}},
                   {"columnKind", "unicodeCodePoints"},
                   {"results", std::move(results)},
               }})},
  };
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace review::lint
