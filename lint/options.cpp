#include "lint/options.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <charconv>

namespace review::lint {
namespace {

std::optional<long> parse_integer(const core::YamlValue& value) {
  if (!value.is_scalar()) return std::nullopt;
  long number = 0;
  const std::string& text = value.scalar;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// YAML 1.2's core schema: only these spellings are booleans, so `yes` is not one.
std::optional<bool> parse_boolean(const core::YamlValue& value) {
  if (!value.is_scalar()) return std::nullopt;
  if (value.scalar == "true") return true;
  if (value.scalar == "false") return false;
  return std::nullopt;
}

} // namespace

bool option_boolean(const core::YamlValue& options, std::string_view key, bool fallback) {
  const core::YamlValue* value = options.find(key);
  if (value == nullptr) return fallback;
  return parse_boolean(*value).value_or(fallback);
}

long option_integer(const core::YamlValue& options, std::string_view key, long fallback) {
  const core::YamlValue* value = options.find(key);
  if (value == nullptr) return fallback;
  return parse_integer(*value).value_or(fallback);
}

std::vector<std::string> option_strings(const core::YamlValue& options, std::string_view key) {
  std::vector<std::string> strings;
  const core::YamlValue* value = options.find(key);
  if (value == nullptr) return strings;
  if (value->is_scalar()) strings.push_back(value->scalar);
  for (const auto& item : value->items) {
    if (item.is_scalar()) strings.push_back(item.scalar);
  }
  return strings;
}

bool check_integer_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, long minimum, const std::string& config_file,
                          Findings& findings) {
  const core::YamlValue* value = options.find(key);
  if (value == nullptr) return true;
  const auto number = parse_integer(*value);
  if (number && *number >= minimum) return true;
  findings.report(
      config_file, value->position,
      fmt::format("option '{}' of rule '{}' must be a whole number of at least {}, got {}", key,
                  rule, minimum,
                  value->is_scalar() ? fmt::format("'{}'", value->scalar)
                                     : std::string(value->kind_name())),
      fmt::format("for example `{}: {{{}: {}}}`", rule, key, std::max(minimum, 1L) * 100));
  return false;
}

bool check_boolean_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, const std::string& config_file,
                          Findings& findings) {
  const core::YamlValue* value = options.find(key);
  if (value == nullptr || parse_boolean(*value)) return true;
  findings.report(config_file, value->position,
                  fmt::format("option '{}' of rule '{}' must be true or false, got {}", key, rule,
                              value->is_scalar() ? fmt::format("'{}'", value->scalar)
                                                 : std::string(value->kind_name())),
                  fmt::format("for example `{}: {{{}: true}}`", rule, key));
  return false;
}

bool check_strings_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, const std::string& config_file,
                          Findings& findings) {
  const core::YamlValue* value = options.find(key);
  if (value == nullptr || value->is_scalar()) return true;
  bool ok = value->is_sequence();
  for (const auto& item : value->items) ok = ok && item.is_scalar();
  if (ok) return true;
  findings.report(config_file, value->position,
                  fmt::format("option '{}' of rule '{}' must be a list of text values, got {}", key,
                              rule, value->kind_name()),
                  fmt::format("for example `{}: {{{}: [\"first\", \"second\"]}}`", rule, key));
  return false;
}

bool check_patterns_option(const core::YamlValue& options, std::string_view rule,
                           std::string_view key, const std::string& config_file,
                           Findings& findings) {
  if (!check_strings_option(options, rule, key, config_file, findings)) return false;
  const core::YamlValue* value = options.find(key);
  if (value == nullptr) return true;
  bool ok = true;
  const auto check = [&](const core::YamlValue& item) {
    RE2::Options re2_options;
    re2_options.set_log_errors(false);
    const RE2 pattern(item.scalar, re2_options);
    if (pattern.ok()) return;
    ok = false;
    findings.report(
        config_file, item.position,
        fmt::format(
            "pattern '{}' in option '{}' of rule '{}' is not a valid regular expression: {}",
            item.scalar, key, rule, pattern.error()),
        "patterns use RE2 syntax (no look-around or back-references); escape literal dots as \\.");
  };
  if (value->is_scalar()) check(*value);
  for (const auto& item : value->items) check(item);
  return ok;
}

} // namespace review::lint
