// placeholders: what a template or a draft leaves behind: the template's prompts
// (HTML comments in a written section), TODO / TBD / XXX / FIXME, `<customer name>`
// style markers, unfilled `{{field}}` markers in the front matter, and the team's own
// markers (RE2 patterns in review.yaml). Why: a prompt or a TODO in a merged review
// tells the next reader that part of the story was never gathered.
//   bad:  The CFO said <quote> about price. TODO: ask procurement.
//   good: The CFO said "it mattered less than the audit trail". Procurement confirmed it.
// Code spans and code blocks are left alone; a section holding nothing but its prompt
// is the sections rule's finding (empty), not this one's.
#include "core/text.hpp"
#include "lint/control.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <array>
#include <memory>

namespace review::lint {
namespace {

constexpr std::array<std::string_view, 1> k_option_keys = {"extra_patterns"};
constexpr std::array<std::string_view, 4> k_markers = {"TODO", "TBD", "XXX", "FIXME"};
constexpr std::array<std::string_view, 2> k_chinese_markers = {"待补充", "待填写"};
// Inline HTML a review may really use; anything else in angle brackets is a marker.
constexpr std::array<std::string_view, 52> k_html_tags = {
    "a",       "abbr",   "address", "article", "aside",  "b",    "bdi",    "blockquote", "br",
    "caption", "center", "cite",    "code",    "col",    "dd",   "del",    "details",    "dfn",
    "div",     "dl",     "dt",      "em",      "figure", "font", "footer", "h1",         "h2",
    "h3",      "h4",     "header",  "hr",      "i",      "img",  "ins",    "kbd",        "li",
    "mark",    "ol",     "p",       "pre",     "q",      "s",    "samp",   "small",      "span",
    "strong",  "sub",    "summary", "sup",     "table",  "u",    "ul"};

bool is_known_tag(std::string_view name) {
  const std::string lowered = core::to_lower_ascii(name);
  for (auto tag : k_html_tags) {
    if (tag == lowered) return true;
  }
  return lowered == "td" || lowered == "th" || lowered == "tr" || lowered == "tbody" ||
         lowered == "thead" || lowered == "time" || lowered == "var" || lowered == "wbr" ||
         lowered == "video" || lowered == "picture" || lowered == "source" || lowered == "iframe" ||
         lowered == "section" || lowered == "nav";
}

// `<customer name>`, `<客户名称>`, `<YYYY-MM-DD>`: angle brackets on one line around
// something that is not an HTML tag, a comment or an autolink.
constexpr std::size_t k_max_marker_length = 60; // "<name of the CIO's deputy>" fits

void find_angle_markers(const core::Review& review, const core::Block& block, Findings& findings) {
  const std::string& text = block.text;
  for (std::size_t open = text.find('<'); open != std::string::npos;
       open = text.find('<', open + 1)) {
    const core::RunKind kind = run_kind_at(block, open);
    if (kind == core::RunKind::code) continue;
    // A marker is short, so '>' is looked for only that far: a line of many '<' and one
    // '>' at its end would otherwise be searched to the end from every '<'.
    const std::size_t inside = open + 1;
    const std::size_t close =
        std::string_view(text).substr(inside, k_max_marker_length + 1).find('>');
    if (close == std::string_view::npos) continue;
    const std::string_view inner = std::string_view(text).substr(inside, close);
    if (inner.empty() || inner.find('\n') != std::string_view::npos) continue;
    const char first = inner.front();
    if (first == ' ' || first == '!' || first == '/' || first == '?' || first == '=' ||
        first == '-')
      continue;
    if (inner.find("://") != std::string_view::npos || inner.find('@') != std::string_view::npos)
      continue;
    const std::string_view name = inner.substr(0, inner.find_first_of(" \t/"));
    const std::string_view rest = inner.substr(name.size());
    if (is_known_tag(name) &&
        (rest.empty() || rest.find('=') != std::string_view::npos || rest == "/" || rest == " /"))
      continue;
    findings.report(review.path, block.position_at(open),
                    fmt::format("the template marker '<{}>' is still in the text", inner),
                    "replace it with the real value, or describe what is unknown in words");
    open = inside + close;
  }
}

void find_word_markers(const core::Review& review, const core::Block& block, Findings& findings) {
  const auto report = [&](std::size_t at, std::string_view marker) {
    findings.report(review.path, block.position_at(at),
                    fmt::format("'{}' is still in the text", marker),
                    "finish the thought, or write down what is missing and who will find out, "
                    "before the review "
                    "is merged");
  };
  for (auto marker : k_markers) {
    for (std::size_t at : find_words(block.text, marker, false)) {
      if (run_kind_at(block, at) == core::RunKind::text) report(at, marker);
    }
  }
  for (auto marker : k_chinese_markers) {
    for (std::size_t at = block.text.find(marker); at != std::string::npos;
         at = block.text.find(marker, at + 1)) {
      if (run_kind_at(block, at) == core::RunKind::text) report(at, marker);
    }
  }
}

// A pattern from review.yaml, compiled once per check with one capturing group
// around it, so that each match's place in the text is known.
struct UserPattern {
  std::string text;
  std::unique_ptr<RE2> regex;
};

void find_pattern_markers(const core::Review& review, const core::Block& block,
                          const std::vector<UserPattern>& patterns, Findings& findings) {
  if (patterns.empty()) return;
  const std::string prose = prose_of(block);
  for (const auto& pattern : patterns) {
    re2::StringPiece input(prose);
    re2::StringPiece match;
    while (RE2::FindAndConsume(&input, *pattern.regex, &match)) {
      if (match.empty()) {
        if (input.empty()) break;
        input.remove_prefix(1); // an empty match: step past it
        continue;
      }
      const auto at = static_cast<std::size_t>(match.data() - prose.data());
      findings.report(review.path, block.position_at(at),
                      fmt::format("'{}' matches the placeholder pattern '{}' from review.yaml",
                                  std::string(match), pattern.text),
                      "replace the marker with the real content");
    }
  }
}

void find_front_matter_markers(const core::Review& review, const core::YamlValue& value,
                               Findings& findings) {
  if (value.is_scalar()) {
    const std::size_t open = value.scalar.find("{{");
    if (open != std::string::npos && value.scalar.find("}}", open) != std::string::npos) {
      findings.report(
          review.path, value.position,
          fmt::format("'{}' is a template marker that was never filled in", value.scalar),
          "write the value; `review new` fills these in for you");
      return;
    }
    for (auto marker : k_markers) {
      if (contains_word(value.scalar, marker, false))
        findings.report(review.path, value.position,
                        fmt::format("'{}' is still in the front matter", marker),
                        "fill in the value before the review is merged");
    }
    return;
  }
  for (const auto& item : value.items) find_front_matter_markers(review, item, findings);
  for (const auto& entry : value.entries) find_front_matter_markers(review, entry.value, findings);
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  find_front_matter_markers(review, review.front_matter, findings);

  for (const auto& comment : review.body.comments) {
    if (comment.section < 0 || is_control_comment(comment.text)) continue;
    if (!review.body.sections[static_cast<std::size_t>(comment.section)].has_content) continue;
    // Invisible on the site, so softer than a TODO: but the next writer of the file still reads it.
    findings.report_as(core::Severity::warning, review.path, comment.position,
                       "the template's prompt is still in this section",
                       "delete the <!-- … --> comment now that the section is written");
  }

  std::vector<UserPattern> patterns;
  for (auto& text : option_strings(context.options, "extra_patterns")) {
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_unique<RE2>("(" + text + ")", options);
    if (regex->ok())
      patterns.push_back(UserPattern{std::move(text), std::move(regex)}); // bad ones: check_options
  }
  for (const auto& block : review.body.blocks) {
    if (block.kind == core::BlockKind::code_block || block.kind == core::BlockKind::html_block)
      continue;
    find_word_markers(review, block, findings);
    find_angle_markers(review, block, findings);
    find_pattern_markers(review, block, patterns, findings);
  }
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_patterns_option(options, "placeholders", "extra_patterns", config_file, findings);
}

} // namespace

const Rule& placeholders_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "placeholders",
              .summary = "template prompts, TODO / TBD / XXX, and <…> markers left in",
              .why = "A prompt or a TODO in a merged review tells the next reader that part of the "
                     "story was never "
                     "gathered, and a `<customer name>` marker means a value was never filled in. "
                     "The template's "
                     "HTML comments are prompts: delete each once its section is written. Code "
                     "spans and code "
                     "blocks are left alone.",
              .bad_example =
                  "## Role of price\nThe CFO said <quote> about price. TODO: ask procurement.",
              .good_example = "## Role of price\nThe CFO said \"it mattered less than the audit "
                              "trail\". Procurement "
                              "confirmed the 12% gap.",
              .options = "extra_patterns: RE2 patterns for the team's own markers, e.g. [\"FILL "
                         "IN\", \"\\\\?\\\\?\\\\?\"]",
              .default_severity = core::Severity::error,
          },
      .check_file = &check,
      .option_keys = k_option_keys,
      .check_options = &check_options,
  };
  return rule;
}

} // namespace review::lint
