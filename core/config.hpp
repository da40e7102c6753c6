// The repo config, review.yaml: found by walking up from the working directory,
// every key with a default so a repo without one works.
#pragma once

#include "core/diagnostic.hpp"
#include "core/yaml_value.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

struct SectionSpec {
  std::string id; // "summary", "value", …
  bool required = false;
  std::vector<std::string>
      headings; // accepted headings as written (English, Chinese, the repo's own)
  std::vector<std::string> normalised; // the same through normalise_heading()
};

struct SectionCatalog {
  std::vector<SectionSpec> sections; // in the order a review should have them

  // The id whose accepted headings include `heading` (normalised), or nullopt.
  std::optional<std::string> match(std::string_view heading) const;
  const SectionSpec* find(std::string_view id) const;
};

SectionCatalog default_section_catalog();

struct SiteConfig {
  std::string title = "Win/loss reviews";
  std::string base_url; // "" or a sub-path such as "/reviews/"
  std::string output = "_site";
  std::string repo_url;    // web UI of the repo, for history links; "" for none
  std::string theme_css;   // a CSS file added after ours, relative to the repo root
  std::string header_html; // partials, relative to the repo root
  std::string footer_html;
};

struct RuleConfig {
  std::optional<Severity> severity;
  YamlValue options; // the rule's whole mapping (severity included), for rule options
  Position position;
};

struct Config {
  std::filesystem::path root; // the folder holding review.yaml (or the repo root / cwd)
  std::filesystem::path file; // review.yaml, empty when there is none
  std::string text;           // review.yaml as read, so caches can tell when it changed
  std::string reviews_dir = "reviews";
  std::string templates_dir = "templates";
  std::string language = "en"; // default template language
  int fiscal_year_start_month = 1;
  SiteConfig site;
  std::vector<std::string> teams; // defaults + the repo's own
  std::vector<std::string> decision_factors;
  std::vector<std::string> stakeholder_roles;
  std::vector<std::string> segments;
  std::vector<std::string> roster; // account executives expected to review each quarter
  SectionCatalog sections;
  std::map<std::string, RuleConfig> rules;
  YamlValue raw;                    // the whole file, for commands' own keys
  std::vector<Diagnostic> problems; // unknown keys, wrong types (rule "config")

  std::filesystem::path reviews_path() const { return root / reviews_dir; }
  std::filesystem::path templates_path() const { return root / templates_dir; }
  // A path under root, shown relative to it with forward slashes.
  std::string display_path(const std::filesystem::path& path) const;
};

extern const std::vector<std::string> k_outcomes; // won, lost, no-decision
extern const std::vector<std::string>
    k_price_roles; // deciding, contributing, not-a-factor, unknown
extern const std::vector<std::string>
    k_selections; // all-above-threshold, random-sample, requested, manual
extern const std::vector<std::string> k_default_teams;
extern const std::vector<std::string> k_default_decision_factors;
extern const std::vector<std::string> k_default_stakeholder_roles;
extern const std::vector<std::string> k_default_segments;

Config default_config(const std::filesystem::path& root);

// review.yaml in `start` or the nearest parent, like .git.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Parses config text; YAML syntax errors throw Error "review.yaml:L:C: …".
Config parse_config(std::string_view text, const std::filesystem::path& file);

// find_config_file + parse, or defaults rooted at the enclosing git work tree
// (or `start` itself) when there is no review.yaml. Throws Error when unreadable.
Config load_config(const std::filesystem::path& start);

} // namespace review::core
