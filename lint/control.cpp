#include "lint/control.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace review::lint {
namespace {

constexpr std::string_view k_prefix = "review-lint";

// Splits "blame-language, price-only" or "blame-language price-only" into ids.
std::vector<std::string> split_rules(std::string_view text) {
  std::vector<std::string> rules;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!current.empty()) rules.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) rules.push_back(std::move(current));
  return rules;
}

} // namespace

bool is_control_comment(std::string_view comment_text) {
  const std::string_view text = core::trim(comment_text);
  if (!text.starts_with(k_prefix)) return false;
  return text.size() == k_prefix.size() || text[k_prefix.size()] == ' ' ||
         text[k_prefix.size()] == '\t' || text[k_prefix.size()] == '\n';
}

Controls::Controls(std::span<const core::Comment> comments, const std::string& file,
                   std::span<const std::string> known_rules,
                   std::vector<core::Diagnostic>& problems) {
  const auto problem = [&](core::Position position, std::string message, std::string hint) {
    problems.push_back(core::Diagnostic{std::string(k_control_rule), core::Severity::warning,
                                        std::move(message), std::move(hint), file, position});
  };
  for (const auto& comment : comments) {
    if (!is_control_comment(comment.text)) continue;
    std::string_view rest = core::trim(core::trim(comment.text).substr(k_prefix.size()));
    const std::size_t space = rest.find_first_of(" \t\n");
    const std::string_view verb = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : core::trim(rest.substr(space));

    Directive directive;
    directive.position = comment.position;
    directive.end_line =
        comment.position.line +
        static_cast<int>(std::count(comment.text.begin(), comment.text.end(), '\n'));
    if (verb == "disable") {
      directive.kind = Directive::Kind::disable;
    } else if (verb == "enable") {
      directive.kind = Directive::Kind::enable;
    } else if (verb == "disable-next-line") {
      directive.kind = Directive::Kind::disable_next_line;
    } else {
      const std::vector<std::string> verbs = {"disable", "enable", "disable-next-line"};
      std::string message = fmt::format("unknown review-lint instruction '{}'", verb);
      if (auto suggestion = core::did_you_mean(verb, verbs))
        message += fmt::format(" — did you mean '{}'?", *suggestion);
      problem(
          comment.position, std::move(message),
          "write `<!-- review-lint disable RULE -->`, `enable RULE` or `disable-next-line RULE`");
      continue;
    }
    for (auto& rule : split_rules(rest)) {
      if (std::find(known_rules.begin(), known_rules.end(), rule) != known_rules.end()) {
        directive.rules.push_back(std::move(rule));
        continue;
      }
      std::string message = fmt::format("unknown rule '{}' in this review-lint comment", rule);
      if (auto suggestion = core::did_you_mean(rule, known_rules))
        message += fmt::format(" — did you mean '{}'?", *suggestion);
      problem(comment.position, std::move(message), "`review rules` lists every rule id");
    }
    // A comment naming only unknown rules switches nothing off, rather than everything.
    if (directive.rules.empty() && !split_rules(rest).empty()) continue;
    m_directives.push_back(std::move(directive));
  }
}

bool Controls::suppresses(std::string_view rule, core::Position position) const {
  const auto applies = [&](const Directive& directive) {
    return directive.rules.empty() ||
           std::find(directive.rules.begin(), directive.rules.end(), rule) != directive.rules.end();
  };
  bool disabled = false;
  for (const auto& directive : m_directives) {
    if (!applies(directive)) continue;
    if (directive.kind == Directive::Kind::disable_next_line) {
      if (position.line == directive.end_line + 1) return true;
      continue;
    }
    if (position < directive.position) continue;
    disabled = directive.kind == Directive::Kind::disable;
  }
  return disabled;
}

} // namespace review::lint
