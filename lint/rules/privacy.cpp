// privacy: e-mail addresses and phone numbers in the review (body and front matter).
// Dates, amounts, percentages, version numbers and IP-like numbers are not phone
// numbers; code is left alone. Why: reviews are shared widely — on a site, across
// teams — and the people in them are referred to by title; contact details belong in
// the CRM. Addresses the team is happy to publish are allowed with RE2 patterns.
//   bad:  The CFO (li.wei@northwind.example, +65 6123 4567) confirmed the cost gap.
//   good: The CFO confirmed the cost gap in the follow-up call.
#include "core/text.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <array>
#include <memory>

namespace review::lint {
namespace {

constexpr std::array<std::string_view, 1> k_option_keys = {"allow"};

struct Match {
  std::size_t offset = 0;
  std::string text;
  bool is_email = false;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return core::is_ascii_alnum(c);
}

void find_emails(std::string_view text, std::vector<Match>& found) {
  const auto local_char = [](char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  const auto domain_char = [](char c) { return is_alnum(c) || c == '.' || c == '-'; };
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && local_char(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;
    std::size_t end = at + 1;
    while (end < text.size() && domain_char(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at || end <= at + 1) continue;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 ||
        !std::all_of(tld.begin(), tld.end(), [](char c) { return core::is_ascii_alpha(c); }))
      continue;
    found.push_back(Match{begin, std::string(text.substr(begin, end - begin)), true});
  }
}

// Digit groups of a candidate: "+1 (415) 555-0100" → {1, 415, 555, 0100}.
std::vector<std::string_view> digit_groups(std::string_view candidate) {
  std::vector<std::string_view> groups;
  for (std::size_t i = 0; i < candidate.size();) {
    if (!is_digit(candidate[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < candidate.size() && is_digit(candidate[end])) ++end;
    groups.push_back(candidate.substr(i, end - i));
    i = end;
  }
  return groups;
}

bool looks_like_phone(std::string_view candidate) {
  const bool international = candidate.front() == '+';
  const auto groups = digit_groups(candidate);
  std::size_t digits = 0;
  for (auto group : groups) digits += group.size();
  if (digits > 15) return false;
  if (groups.size() == 1) {
    // One run of digits: an amount or an id, unless it is +… or a Chinese mobile number.
    const std::string_view only = groups.front();
    return (international && digits >= 8) ||
           (digits == 11 && only[0] == '1' && only[1] >= '3' && only[1] <= '9');
  }
  if (digits < (international ? 8U : 9U)) return false;
  // 2026-08-14 and 14/08/2026 shapes: a date (or a range of them), not a number to call.
  for (std::size_t i = 0; i + 2 < groups.size(); ++i) {
    if ((groups[i].size() == 4 && groups[i + 1].size() <= 2 && groups[i + 2].size() <= 2) ||
        (groups[i].size() <= 2 && groups[i + 1].size() <= 2 && groups[i + 2].size() == 4))
      return false;
  }
  // 1 200 000 000 and 192.168.100.200: thousands separators and IP-like numbers.
  bool thousands = true;
  for (std::size_t i = 1; i < groups.size(); ++i) thousands = thousands && groups[i].size() == 3;
  return international || !thousands;
}

void find_phones(std::string_view text, std::vector<Match>& found) {
  const auto phone_char = [](char c) {
    return is_digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool starts =
        is_digit(c) || ((c == '+' || c == '(') && i + 1 < text.size() && is_digit(text[i + 1]));
    const char before = i > 0 ? text[i - 1] : ' ';
    if (!starts || is_alnum(before) ||
        std::string_view("$€£¥.,/:-_#").find(before) != std::string_view::npos) {
      ++i;
      while (i < text.size() && is_digit(text[i]) && is_digit(text[i - 1]))
        ++i; // skip the rest of this number
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && phone_char(text[end])) ++end;
    while (end > i && !is_digit(text[end - 1])) --end; // trailing separators belong to the prose
    const char after = end < text.size() ? text[end] : ' ';
    const std::string_view candidate = text.substr(i, end - i);
    if (after != '%' && !is_alnum(after) && looks_like_phone(candidate))
      found.push_back(Match{i, std::string(candidate), false});
    i = end + 1;
  }
}

std::vector<Match> find_contacts(std::string_view text) {
  std::vector<Match> found;
  find_emails(text, found);
  find_phones(text, found);
  return found;
}

class Allowed {
public:
  explicit Allowed(const core::YamlValue& options) {
    for (const auto& text : option_strings(options, "allow")) {
      RE2::Options re2_options;
      re2_options.set_log_errors(false);
      auto pattern = std::make_unique<RE2>(text, re2_options);
      if (pattern->ok())
        m_patterns.push_back(std::move(pattern)); // bad ones are reported by check_options
    }
  }
  bool allows(const std::string& text) const {
    return std::any_of(m_patterns.begin(), m_patterns.end(),
                       [&](const auto& pattern) { return RE2::PartialMatch(text, *pattern); });
  }

private:
  std::vector<std::unique_ptr<RE2>> m_patterns;
};

void report(const core::Review& review, const Match& match, core::Position where,
            Findings& findings) {
  if (match.is_email) {
    findings.report(
        review.path, where, fmt::format("the e-mail address '{}' is in the review", match.text),
        "reviews are read widely: refer to people by title and keep contact details in the CRM");
  } else {
    findings.report(
        review.path, where, fmt::format("the phone number '{}' is in the review", match.text),
        "reviews are read widely: refer to people by title and keep contact details in the CRM");
  }
}

void scan_front_matter(const core::Review& review, const core::YamlValue& value,
                       const Allowed& allowed, Findings& findings) {
  if (value.is_scalar()) {
    for (const auto& match : find_contacts(value.scalar)) {
      if (!allowed.allows(match.text)) report(review, match, value.position, findings);
    }
  }
  for (const auto& item : value.items) scan_front_matter(review, item, allowed, findings);
  for (const auto& entry : value.entries) scan_front_matter(review, entry.value, allowed, findings);
}

void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  const Allowed allowed(context.options);
  scan_front_matter(review, review.front_matter, allowed, findings);
  for (const auto& block : review.body.blocks) {
    if (!is_prose_block(block) && block.kind != core::BlockKind::heading) continue;
    for (const auto& match : find_contacts(prose_of(block))) {
      if (!allowed.allows(match.text))
        report(review, match, block.position_at(match.offset), findings);
    }
  }
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_patterns_option(options, "privacy", "allow", config_file, findings);
}

} // namespace

const Rule& privacy_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "privacy",
              .summary = "e-mail addresses and phone numbers in a review",
              .why = "Reviews are shared widely — on the site, across product, marketing, finance "
                     "and enablement — "
                     "and the people in them are referred to by title. Contact details belong in "
                     "the CRM. Dates, "
                     "amounts, percentages and version numbers are not mistaken for phone numbers, "
                     "and code is left "
                     "alone.",
              .bad_example =
                  "The CFO (li.wei@northwind.example, +65 6123 4567) confirmed the cost gap.",
              .good_example = "The CFO confirmed the cost gap in the follow-up call.",
              .options = "allow: RE2 patterns for addresses or numbers that may appear, e.g. "
                         "[\"@yourcompany\\\\.com$\"]",
              .default_severity = core::Severity::warning,
          },
      .check_file = &check,
      .option_keys = k_option_keys,
      .check_options = &check_options,
  };
  return rule;
}

} // namespace review::lint
