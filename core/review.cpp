#include "core/review.hpp"

#include "core/config.hpp"
#include "core/front_matter_cache.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace review::core {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
  case Outcome::won:
    return "won";
  case Outcome::lost:
    return "lost";
  case Outcome::no_decision:
    return "no-decision";
  }
  return "won";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  if (text == "won") return Outcome::won;
  if (text == "lost") return Outcome::lost;
  if (text == "no-decision") return Outcome::no_decision;
  return std::nullopt;
}

std::string_view price_role_name(PriceRole role) {
  switch (role) {
  case PriceRole::deciding:
    return "deciding";
  case PriceRole::contributing:
    return "contributing";
  case PriceRole::not_a_factor:
    return "not-a-factor";
  case PriceRole::unknown:
    return "unknown";
  }
  return "unknown";
}

std::optional<PriceRole> parse_price_role(std::string_view text) {
  if (text == "deciding") return PriceRole::deciding;
  if (text == "contributing") return PriceRole::contributing;
  if (text == "not-a-factor") return PriceRole::not_a_factor;
  if (text == "unknown") return PriceRole::unknown;
  return std::nullopt;
}

namespace {

constexpr std::string_view k_rule = "front-matter";

class FieldReader {
public:
  FieldReader(Review& review, const Config& config) : m_review(review), m_config(config) {}

  void error(Position position, std::string message, std::string hint = {}) {
    m_review.diagnostics.push_back(Diagnostic{std::string(k_rule), Severity::error,
                                              std::move(message), std::move(hint), m_review.path,
                                              position});
  }
  void warning(Position position, std::string message, std::string hint = {}) {
    m_review.diagnostics.push_back(Diagnostic{std::string(k_rule), Severity::warning,
                                              std::move(message), std::move(hint), m_review.path,
                                              position});
  }

  // Reports a value outside `allowed`, with the nearest one as a suggestion.
  bool check_vocabulary(std::string_view key, const std::string& value, Position position,
                        const std::vector<std::string>& allowed, std::string_view config_key = {}) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return true;
    std::string message =
        fmt::format("'{}' must be {}, got '{}'", key, join_alternatives(allowed), value);
    if (auto suggestion = did_you_mean(value, allowed))
      message += fmt::format(" — did you mean '{}'?", *suggestion);
    std::string hint;
    if (!config_key.empty())
      hint = fmt::format("if '{}' is a value your team uses, add it to '{}' in review.yaml", value,
                         config_key);
    error(position, std::move(message), std::move(hint));
    return false;
  }

  std::optional<std::string> scalar(const YamlValue::Entry& entry) {
    if (entry.value.is_scalar()) return entry.value.scalar;
    if (entry.value.is_null()) return std::nullopt;
    error(entry.value.position,
          fmt::format("'{}' must be a single value, got {}", entry.key, entry.value.kind_name()));
    return std::nullopt;
  }

  void read_string(const YamlValue::Entry& entry, Field<std::string>& field) {
    field.position = entry.value.position;
    if (auto value = scalar(entry)) {
      field.value = *value;
      field.present = !trim(*value).empty();
    }
  }

  void read_bool(const YamlValue::Entry& entry, Field<bool>& field) {
    field.position = entry.value.position;
    auto value = scalar(entry);
    if (!value) return;
    const std::string lowered = to_lower_ascii(*value);
    if (lowered == "true" || lowered == "yes")
      field = {true, true, entry.value.position};
    else if (lowered == "false" || lowered == "no")
      field = {false, true, entry.value.position};
    else
      error(entry.value.position,
            fmt::format("'{}' must be true or false, got '{}'", entry.key, *value));
  }

  void read_date(const YamlValue::Entry& entry, Field<Date>& field) {
    field.position = entry.value.position;
    auto value = scalar(entry);
    if (!value) return;
    if (auto date = parse_iso_date(*value)) {
      field = {*date, true, entry.value.position};
    } else {
      error(entry.value.position,
            fmt::format("'{}' must be a date written YYYY-MM-DD, got '{}'", entry.key, *value),
            "for example 2026-08-14");
    }
  }

  void read_list(const YamlValue::Entry& entry, Field<std::vector<std::string>>& field) {
    field.position = entry.value.position;
    if (entry.value.is_null()) return;
    if (entry.value.is_scalar()) {
      error(entry.value.position,
            fmt::format("'{}' must be a list, got the single value '{}'", entry.key,
                        entry.value.scalar),
            fmt::format("write it as `{}: [{}]`", entry.key, entry.value.scalar));
      field = {{entry.value.scalar}, true, entry.value.position};
      return;
    }
    if (!entry.value.is_sequence()) {
      error(entry.value.position,
            fmt::format("'{}' must be a list, got {}", entry.key, entry.value.kind_name()));
      return;
    }
    field.present = true;
    for (const auto& item : entry.value.items) {
      if (item.is_scalar())
        field.value.push_back(item.scalar);
      else
        error(item.position, fmt::format("each item of '{}' must be a single value, got {}",
                                         entry.key, item.kind_name()));
    }
  }

  void read_vocabulary_list(const YamlValue::Entry& entry, Field<std::vector<std::string>>& field,
                            const std::vector<std::string>& allowed, std::string_view config_key) {
    read_list(entry, field);
    if (!entry.value.is_sequence()) return;
    for (const auto& item : entry.value.items) {
      if (item.is_scalar())
        check_vocabulary(entry.key, item.scalar, item.position, allowed, config_key);
    }
  }

  void read_amount(const YamlValue::Entry& entry) {
    Field<double>& field = m_review.amount;
    field.position = entry.value.position;
    auto value = scalar(entry);
    if (!value) return;
    std::string digits;
    for (char c : *value) {
      if (c != '_' && c != ',') digits += c; // 480,000 and 480_000 are numbers too
    }
    double amount = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() ||
        !std::isfinite(amount) || amount < 0) {
      error(entry.value.position,
            fmt::format("'amount' must be a number without a currency sign, got '{}'", *value),
            "for example `amount: 480000` with `currency: USD`");
      return;
    }
    field = {amount, true, entry.value.position};
  }

  void read_stakeholders(const YamlValue::Entry& entry) {
    auto& field = m_review.stakeholders;
    field.position = entry.value.position;
    if (entry.value.is_null()) return;
    if (!entry.value.is_sequence()) {
      error(entry.value.position,
            fmt::format("'stakeholders' must be a list of people, got {}", entry.value.kind_name()),
            "each item is a mapping: `- title: CIO` with `role: decision-maker`, `in_room: false`");
      return;
    }
    field.present = true;
    for (const auto& item : entry.value.items) {
      if (!item.is_map()) {
        error(item.position,
              fmt::format("each stakeholder must be a mapping with title and role, got {}",
                          item.kind_name()),
              "for example `- title: CIO` then `  role: decision-maker` on the next line");
        continue;
      }
      Stakeholder person;
      person.position = item.position;
      person.role_position = item.position;
      for (const auto& key : item.entries) {
        if (key.key == "title" || key.key == "name" || key.key == "role") {
          auto value = scalar(key);
          if (!value) continue;
          if (key.key == "title") person.title = *value;
          if (key.key == "name") person.name = *value;
          if (key.key == "role") {
            person.role = *value;
            person.role_position = key.value.position;
            check_vocabulary("role", *value, key.value.position, m_config.stakeholder_roles,
                             "stakeholder_roles");
          }
        } else if (key.key == "in_room" || key.key == "engaged") {
          Field<bool> flag;
          read_bool(key, flag);
          if (flag.present) (key.key == "in_room" ? person.in_room : person.engaged) = flag.value;
        }
      }
      if (person.title.empty() && person.name.empty())
        error(item.position, "a stakeholder needs a 'title' (or a 'name')",
              "titles are enough: `title: CIO`");
      if (person.role.empty())
        error(item.position,
              fmt::format("stakeholder '{}' has no 'role'",
                          person.title.empty() ? person.name : person.title),
              fmt::format("roles: {}", join_alternatives(m_config.stakeholder_roles)));
      field.value.push_back(std::move(person));
    }
  }

  void read(const YamlValue& root) {
    for (const auto& entry : root.entries) read_entry(entry);
    require();
  }

private:
  void read_entry(const YamlValue::Entry& entry) {
    const std::string& key = entry.key;
    Review& r = m_review;
    if (key == "schema") {
      auto value = scalar(entry);
      if (!value) return;
      int schema = 0;
      const std::string_view text = *value;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), schema);
      if (ec != std::errc() || ptr != text.data() + text.size() || schema < 1) {
        error(entry.value.position, fmt::format("'schema' must be 1, got '{}'", *value));
      } else {
        r.schema = {schema, true, entry.value.position};
        if (schema > 1)
          warning(
              entry.value.position,
              fmt::format("this review uses schema {}, newer than this version of review knows (1)",
                          schema),
              "update the review tool");
      }
    } else if (key == "title") {
      read_string(entry, r.title);
    } else if (key == "account") {
      read_string(entry, r.account);
    } else if (key == "outcome") {
      Field<std::string> text;
      read_string(entry, text);
      r.outcome.position = entry.value.position;
      if (text.present && check_vocabulary("outcome", text.value, entry.value.position, k_outcomes))
        r.outcome = {*parse_outcome(text.value), true, entry.value.position};
    } else if (key == "lost_to") {
      read_string(entry, r.lost_to);
    } else if (key == "competitors") {
      read_list(entry, r.competitors);
    } else if (key == "close_date") {
      read_date(entry, r.close_date);
    } else if (key == "review_date") {
      read_date(entry, r.review_date);
    } else if (key == "account_executive") {
      read_string(entry, r.account_executive);
    } else if (key == "amount") {
      read_amount(entry);
    } else if (key == "currency") {
      read_string(entry, r.currency);
    } else if (key == "segment") {
      read_string(entry, r.segment);
      if (r.segment.present)
        check_vocabulary("segment", r.segment.value, entry.value.position, m_config.segments,
                         "segments");
    } else if (key == "region") {
      read_string(entry, r.region);
    } else if (key == "buyer_interviewed") {
      read_bool(entry, r.buyer_interviewed);
    } else if (key == "evidence") {
      read_list(entry, r.evidence);
    } else if (key == "stakeholders") {
      read_stakeholders(entry);
    } else if (key == "decision_factors") {
      read_vocabulary_list(entry, r.decision_factors, m_config.decision_factors,
                           "decision_factors");
    } else if (key == "price_role") {
      Field<std::string> text;
      read_string(entry, text);
      r.price_role.position = entry.value.position;
      if (text.present &&
          check_vocabulary("price_role", text.value, entry.value.position, k_price_roles))
        r.price_role = {*parse_price_role(text.value), true, entry.value.position};
    } else if (key == "price_evidence") {
      read_string(entry, r.price_evidence);
    } else if (key == "selection") {
      read_string(entry, r.selection);
      if (r.selection.present)
        check_vocabulary("selection", r.selection.value, entry.value.position, k_selections);
    } else if (key == "confidential") {
      read_bool(entry, r.confidential);
    } else if (key == "crm_id") {
      read_string(entry, r.crm_id);
    }
    // Any other key is the team's own and is kept in Review::front_matter.
  }

  void require() {
    const Review& r = m_review;
    const Position where{1, 1};
    const auto missing = [&](std::string_view key, std::string_view example) {
      error(where, fmt::format("the front matter has no '{}'", key),
            fmt::format("add a line such as `{}`", example));
    };
    if (!r.title.present) missing("title", "title: Northwind Pay core-ledger replacement");
    if (!r.account.present) missing("account", "account: Northwind Pay");
    if (!r.outcome.present && r.outcome.position == Position{}) missing("outcome", "outcome: lost");
    if (!r.close_date.present && r.close_date.position == Position{})
      missing("close_date", "close_date: 2026-08-14");
    if (!r.account_executive.present) missing("account_executive", "account_executive: Zhang Qi");
    if (r.outcome.present && r.outcome.value == Outcome::lost && !r.lost_to.present)
      error(r.outcome.position, "a lost review needs 'lost_to': who the customer chose",
            "a competitor's name, or incumbent, in-house or unknown — e.g. `lost_to: LedgerCo`");
  }

  Review& m_review;
  const Config& m_config;
};

void check_encoding(Review& review, std::string& text) {
  const auto report = [&](std::size_t offset, std::string message, std::string hint) {
    const Position position = LineIndex(text).position_of(offset);
    review.diagnostics.push_back(Diagnostic{"file", Severity::error, std::move(message),
                                            std::move(hint), review.path, position});
  };
  if (auto bad = find_invalid_utf8(text)) {
    report(*bad, "the file is not valid UTF-8 here (bytes shown as \xEF\xBF\xBD)",
           "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
    // Every byte that does not start valid UTF-8 becomes U+FFFD, by the same test that
    // found the first: surrogates and overlong forms too, which the YAML reader refuses.
    std::string repaired;
    repaired.reserve(text.size());
    std::string_view rest = text;
    for (auto at = bad; at; at = find_invalid_utf8(rest)) {
      repaired.append(rest.substr(0, *at));
      repaired += "\xEF\xBF\xBD";
      rest.remove_prefix(*at + 1);
    }
    repaired.append(rest);
    text = std::move(repaired);
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    report(nul, "the file contains a NUL byte, which text files never hold",
           "it was probably saved by a binary tool; open it in a text editor and remove the stray "
           "character");
    std::replace(text.begin(), text.end(), '\0', ' ');
  }
}

} // namespace

Review parse_review(std::string_view raw, std::string path, const Config& config,
                    FrontMatterCache* cache) {
  Review review;
  review.path = std::move(path);
  review.id = std::filesystem::path(review.path).stem().string();
  review.source = normalise_source(raw);
  check_encoding(review, review.source.text);

  const std::string& text = review.source.text;
  const FrontMatterSplit split = split_front_matter(text);
  review.front_matter_status = split.status;
  FieldReader reader(review, config);
  switch (split.status) {
  case FrontMatterSplit::Status::empty_file:
    reader.error(Position{1, 1}, "the file is empty", "start from a template: `review new`");
    return review;
  case FrontMatterSplit::Status::absent:
    reader.error(Position{1, 1}, "the review has no front matter: the first line must be '---'",
                 "open the file with '---', the keys (title, account, outcome, close_date, "
                 "account_executive), and '---' again");
    break;
  case FrontMatterSplit::Status::not_closed:
    reader.error(split.opening_fence,
                 "the front matter opened with '---' on line 1 is never closed",
                 "add a line '---' after the last front-matter key");
    break;
  case FrontMatterSplit::Status::ok: {
    review.body_offset = split.body_offset;
    review.body_first_line = split.body_first_line;
    if (split.yaml.size() > k_max_front_matter_bytes) {
      reader.error(
          split.opening_fence,
          fmt::format(
              "the front matter is {} KiB; front matter is limited to {} KiB and was not read",
              split.yaml.size() / 1024, k_max_front_matter_bytes / 1024),
          "keep the front matter to the review's fields (about 40 lines); notes belong in the "
          "body");
      break;
    }
    auto parsed = cache != nullptr ? cache->parse(split.yaml, split.yaml_first_line)
                                   : parse_yaml(split.yaml, split.yaml_first_line);
    if (!parsed.ok) {
      reader.error(
          parsed.error_position,
          fmt::format("the front matter is not valid YAML: {}", parsed.error),
          parsed.hint.empty()
              ? "check the indentation, close each quote on the line it opens, and quote values "
                "that contain ':' or '#'"
              : parsed.hint);
      break;
    }
    if (!parsed.root.is_map()) {
      reader.error(Position{split.yaml_first_line, 1},
                   fmt::format("the front matter must be a list of `key: value` lines, got {}",
                               parsed.root.kind_name()),
                   "for example `title: Northwind Pay core-ledger replacement`");
      break;
    }
    review.front_matter_ok = true;
    review.front_matter = std::move(parsed.root);
    reader.read(review.front_matter);
    if (review.close_date.present)
      review.quarter = fiscal_quarter(review.close_date.value, config.fiscal_year_start_month);
    break;
  }
  }
  review.body = parse_markdown(text, review.body_offset, config.sections);
  return review;
}

} // namespace review::core
