// Reading a rule's options from its review.yaml mapping, and reporting bad ones.
// Rules read options with defaults at check time and validate them once in their
// OptionsCheck, so a typo in review.yaml is one finding, not one per review.
#pragma once

#include "lint/rule.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::lint {

// The option's value when it is a whole number, else `fallback`.
long option_integer(const core::YamlValue& options, std::string_view key, long fallback);
// The option's value when it is `true` or `false`, else `fallback`.
bool option_boolean(const core::YamlValue& options, std::string_view key, bool fallback);
// The option's strings (a list of scalars, or one scalar); empty when absent or malformed.
std::vector<std::string> option_strings(const core::YamlValue& options, std::string_view key);

// Validation for OptionsCheck functions: each reports a finding on the config file
// and returns false when the option is present and malformed.
bool check_integer_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, long minimum, const std::string& config_file,
                          Findings& findings);
bool check_boolean_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, const std::string& config_file, Findings& findings);
bool check_strings_option(const core::YamlValue& options, std::string_view rule,
                          std::string_view key, const std::string& config_file, Findings& findings);
// Each string must be a valid RE2 pattern (user patterns run in linear time).
bool check_patterns_option(const core::YamlValue& options, std::string_view rule,
                           std::string_view key, const std::string& config_file,
                           Findings& findings);

} // namespace review::lint
