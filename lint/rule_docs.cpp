#include "lint/rule_docs.hpp"

#include "core/text.hpp"
#include "lint/control.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace review::lint {
namespace {

std::string indent(std::string_view text, std::string_view prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += line.empty() ? std::string() : fmt::format("{}{}", prefix, line);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Prose wrapped for a terminal, at spaces, by display width (Chinese counts double).
std::string wrap(std::string_view text, std::string_view prefix, std::size_t width = 88) {
  std::string out;
  std::string line;
  std::size_t line_width = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    const std::size_t word_width = core::display_width(word);
    if (!line.empty() && line_width + 1 + word_width > width) {
      out += fmt::format("{}{}\n", prefix, line);
      line.clear();
      line_width = 0;
    }
    if (!line.empty()) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    start = end + 1;
  }
  if (!line.empty()) out += fmt::format("{}{}\n", prefix, line);
  return out;
}

std::string_view scope_of(const Rule& rule) {
  return rule.doc.repo_level ? "the repo as a whole" : "each review";
}

} // namespace

std::string rules_overview() {
  std::size_t width = 0;
  for (const Rule& rule : all_rules()) width = std::max(width, rule.doc.id.size());
  std::string out;
  for (const Rule& rule : all_rules()) {
    out += fmt::format("{:<{}}  {:<10}  {}\n", rule.doc.id, width,
                       core::severity_name(rule.doc.default_severity), rule.doc.summary);
  }
  out += "\n`review rules RULE` shows why a rule matters and an example; set severities and "
         "options under `rules:` "
         "in review.yaml.\n";
  return out;
}

std::string rule_details(const Rule& rule) {
  const RuleDoc& doc = rule.doc;
  std::string out = fmt::format("{} — {}\n", doc.id, doc.summary);
  out += fmt::format("default severity: {}; checks {}\n\n",
                     core::severity_name(doc.default_severity), scope_of(rule));
  out += fmt::format("Why:\n{}\n", wrap(doc.why, "  "));
  out += fmt::format("Reported:\n{}\n", indent(doc.bad_example, "    "));
  out += fmt::format("Better:\n{}\n", indent(doc.good_example, "    "));
  if (!doc.options.empty())
    out += fmt::format("Options (under `rules: {}:` in review.yaml):\n{}\n", doc.id,
                       wrap(doc.options, "  "));
  out += wrap(
      fmt::format(
          "Configure: `rules: {{{}: warning}}` in review.yaml (error, warning, suggestion or off); "
          "in a review, `<!-- review-lint disable-next-line {} -->`.",
          doc.id, doc.id),
      "");
  return out;
}

std::string rules_markdown() {
  std::string out = "# Lint rules\n\n"
                    "<!-- Generated from the rules' own documentation by `review rules --format "
                    "markdown`; a test keeps it in "
                    "sync. Edit the rule's file under lint/rules/, then run the tests with "
                    "REVIEW_UPDATE_GOLDEN=1. -->\n\n"
                    "`review lint` checks every review against these rules. Each rule has a "
                    "default severity — `error` fails "
                    "the run (exit 1), `warning` and `suggestion` are reported without failing it "
                    "(see `--max-warnings`) — "
                    "which review.yaml can change, or set to `off`. [Linting](linting.md) explains "
                    "how to run it, the output "
                    "formats and inline control comments.\n\n"
                    "| rule | default | checks | catches |\n|---|---|---|---|\n";
  for (const Rule& rule : all_rules()) {
    out += fmt::format("| [`{}`](#{}) | {} | {} | {} |\n", rule.doc.id, rule.doc.id,
                       core::severity_name(rule.doc.default_severity), scope_of(rule),
                       rule.doc.summary);
  }
  for (const Rule& rule : all_rules()) {
    const RuleDoc& doc = rule.doc;
    out += fmt::format("\n## {}\n\n{}.\n\n**Default severity:** {}. **Checks:** {}.\n\n{}\n\n",
                       doc.id, doc.summary, core::severity_name(doc.default_severity),
                       scope_of(rule), doc.why);
    out += fmt::format("Reported:\n\n```markdown\n{}\n```\n\nBetter:\n\n```markdown\n{}\n```\n",
                       doc.bad_example, doc.good_example);
    if (!doc.options.empty())
      out += fmt::format("\n**Options** (under `rules: {}:` in review.yaml): {}\n", doc.id,
                         doc.options);
  }
  out +=
      fmt::format("\n## Findings outside the rules\n\n"
                  "- `file` (error, cannot be switched off): a file that is not valid UTF-8, holds "
                  "NUL bytes, is larger than "
                  "4 MiB or cannot be read.\n"
                  "- `config`: a problem in review.yaml — an unknown key, rule or option "
                  "(warning), or a malformed value "
                  "(error; the run exits with 2).\n"
                  "- `{}` (warning): a control comment with an unknown instruction or rule id.\n",
                  k_control_rule);
  return out;
}

} // namespace review::lint
