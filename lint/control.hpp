// Inline control comments: `<!-- review-lint disable RULE[, RULE] -->`, `enable …`
// and `disable-next-line …`. Without a rule list they apply to every rule.
#pragma once

#include "core/diagnostic.hpp"
#include "core/markdown.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::lint {

// The rule id under which problems with control comments themselves are reported.
inline constexpr std::string_view k_control_rule = "review-lint";

// True when an HTML comment's text is a review-lint control comment.
bool is_control_comment(std::string_view comment_text);

struct Directive {
  enum class Kind { disable, enable, disable_next_line };
  Kind kind = Kind::disable;
  std::vector<std::string> rules; // empty: every rule
  core::Position position;        // of "<!--"
  int end_line = 0;               // the line holding "-->"
};

// The control comments of one review, in file order, and the queries the engine asks.
class Controls {
public:
  // Reads the review's comments; malformed ones and unknown rule ids become findings
  // in `problems` (rule k_control_rule), with "did you mean" from `known_rules`.
  Controls(std::span<const core::Comment> comments, const std::string& file,
           std::span<const std::string> known_rules, std::vector<core::Diagnostic>& problems);

  // True when a finding of `rule` at `position` is switched off by a comment.
  bool suppresses(std::string_view rule, core::Position position) const;
  bool empty() const { return m_directives.empty(); }

private:
  std::vector<Directive> m_directives;
};

} // namespace review::lint
