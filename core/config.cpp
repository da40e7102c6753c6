#include "core/config.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/repo.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace review::core {

const std::vector<std::string> k_outcomes = {"won", "lost", "no-decision"};
const std::vector<std::string> k_price_roles = {"deciding", "contributing", "not-a-factor",
                                                "unknown"};
const std::vector<std::string> k_selections = {"all-above-threshold", "random-sample", "requested",
                                               "manual"};
const std::vector<std::string> k_default_teams = {"product",    "marketing", "finance",
                                                  "enablement", "sales",     "customer-success"};
const std::vector<std::string> k_default_decision_factors = {
    "business-outcome",    "capability-fit",
    "capability-gap",      "integration",
    "ease-of-use",         "implementation-risk",
    "security-compliance", "price",
    "vendor-viability",    "references",
    "relationship",        "sales-experience",
    "partner-ecosystem",   "status-quo",
    "internal-politics",   "budget-timing",
    "strategic-alignment", "other"};
const std::vector<std::string> k_default_stakeholder_roles = {"economic-buyer",
                                                              "decision-maker",
                                                              "champion",
                                                              "coach",
                                                              "technical-evaluator",
                                                              "subject-expert",
                                                              "user",
                                                              "influencer",
                                                              "procurement",
                                                              "legal-security",
                                                              "blocker",
                                                              "external-advisor",
                                                              "other"};
const std::vector<std::string> k_default_segments = {"enterprise", "mid-market", "smb",
                                                     "public-sector"};

namespace {

SectionSpec make_section(std::string id, bool required, std::vector<std::string> headings) {
  SectionSpec spec;
  spec.id = std::move(id);
  spec.required = required;
  spec.headings = std::move(headings);
  for (const auto& heading : spec.headings) spec.normalised.push_back(normalise_heading(heading));
  return spec;
}

const std::vector<std::string> k_top_level_keys = {
    "reviews_dir", "templates_dir", "language",         "fiscal_year_start_month",
    "site",        "teams",         "decision_factors", "stakeholder_roles",
    "segments",    "roster",        "sections",         "rules",
    "plan"};
const std::vector<std::string> k_site_keys = {"title",     "base_url", "output", "repo_url",
                                              "theme_css", "header",   "footer"};

class ConfigReader {
public:
  ConfigReader(Config& config, std::string file) : m_config(config), m_file(std::move(file)) {}

  void problem(Position position, std::string message, std::string hint = {}) {
    m_config.problems.push_back(Diagnostic{"config", Severity::error, std::move(message),
                                           std::move(hint), m_file, position});
  }

  std::optional<std::string> string_of(const YamlValue::Entry& entry) {
    if (entry.value.is_scalar()) return entry.value.scalar;
    if (entry.value.is_null()) return std::string();
    problem(entry.value.position,
            fmt::format("'{}' must be a single value, got {}", entry.key, entry.value.kind_name()));
    return std::nullopt;
  }

  // Adds the entry's list to `values` (vocabularies extend their defaults).
  void extend_list(const YamlValue::Entry& entry, std::vector<std::string>& values) {
    if (entry.value.is_null()) return;
    if (!entry.value.is_sequence()) {
      problem(entry.value.position,
              fmt::format("'{}' must be a list, got {}", entry.key, entry.value.kind_name()),
              fmt::format("write it as `{}: [a, b]`", entry.key));
      return;
    }
    for (const auto& item : entry.value.items) {
      if (!item.is_scalar() || trim(item.scalar).empty()) {
        problem(item.position, fmt::format("each item of '{}' must be a single value", entry.key));
        continue;
      }
      if (std::find(values.begin(), values.end(), item.scalar) == values.end())
        values.push_back(item.scalar);
    }
  }

  void unknown_key(const YamlValue::Entry& entry, const std::vector<std::string>& known,
                   std::string_view where) {
    std::string hint = fmt::format("known keys{}: {}", where, join_alternatives(known, "and"));
    if (auto suggestion = did_you_mean(entry.key, known))
      hint = fmt::format("did you mean '{}'?", *suggestion);
    m_config.problems.push_back(Diagnostic{"config", Severity::warning,
                                           fmt::format("unknown key '{}'{}", entry.key, where),
                                           hint, m_file, entry.key_position});
  }

  void read(const YamlValue& root) {
    if (root.is_null()) return;
    if (!root.is_map()) {
      problem(root.position, fmt::format("review.yaml must be a mapping of keys to values, got {}",
                                         root.kind_name()));
      return;
    }
    for (const auto& entry : root.entries) read_top(entry);
  }

private:
  void read_top(const YamlValue::Entry& entry) {
    const std::string& key = entry.key;
    if (key == "reviews_dir") {
      if (auto v = string_of(entry); v && !v->empty()) m_config.reviews_dir = *v;
    } else if (key == "templates_dir") {
      if (auto v = string_of(entry); v && !v->empty()) m_config.templates_dir = *v;
    } else if (key == "language") {
      if (auto v = string_of(entry)) {
        if (*v == "en" || *v == "zh")
          m_config.language = *v;
        else
          problem(entry.value.position, fmt::format("'language' must be en or zh, got '{}'", *v));
      }
    } else if (key == "fiscal_year_start_month") {
      read_month(entry);
    } else if (key == "site") {
      read_site(entry.value);
    } else if (key == "teams") {
      extend_list(entry, m_config.teams);
    } else if (key == "decision_factors") {
      extend_list(entry, m_config.decision_factors);
    } else if (key == "stakeholder_roles") {
      extend_list(entry, m_config.stakeholder_roles);
    } else if (key == "segments") {
      extend_list(entry, m_config.segments);
    } else if (key == "roster") {
      extend_list(entry, m_config.roster);
    } else if (key == "sections") {
      read_sections(entry.value);
    } else if (key == "rules") {
      read_rules(entry.value);
    } else if (key == "plan") {
      // Read by `review plan` from Config::raw.
    } else {
      unknown_key(entry, k_top_level_keys, "");
    }
  }

  void read_month(const YamlValue::Entry& entry) {
    int month = 0;
    const std::string& text = entry.value.scalar;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), month);
    if (!entry.value.is_scalar() || ec != std::errc() || ptr != text.data() + text.size() ||
        month < 1 || month > 12) {
      problem(entry.value.position,
              fmt::format("'fiscal_year_start_month' must be a month number from 1 to 12, got '{}'",
                          text),
              "for a fiscal year starting in February, write `fiscal_year_start_month: 2`");
      return;
    }
    m_config.fiscal_year_start_month = month;
  }

  void read_site(const YamlValue& site) {
    if (site.is_null()) return;
    if (!site.is_map()) {
      problem(site.position, fmt::format("'site' must be a mapping, got {}", site.kind_name()));
      return;
    }
    for (const auto& entry : site.entries) {
      auto value = string_of(entry);
      if (!value) continue;
      if (entry.key == "title")
        m_config.site.title = *value;
      else if (entry.key == "base_url")
        m_config.site.base_url = *value;
      else if (entry.key == "output")
        m_config.site.output = value->empty() ? "_site" : *value;
      else if (entry.key == "repo_url")
        m_config.site.repo_url = *value;
      else if (entry.key == "theme_css")
        m_config.site.theme_css = *value;
      else if (entry.key == "header")
        m_config.site.header_html = *value;
      else if (entry.key == "footer")
        m_config.site.footer_html = *value;
      else
        unknown_key(entry, k_site_keys, " under 'site'");
    }
  }

  void read_sections(const YamlValue& sections) {
    if (sections.is_null()) return;
    if (!sections.is_map()) {
      problem(sections.position,
              fmt::format("'sections' must map section ids to lists of headings, got {}",
                          sections.kind_name()));
      return;
    }
    std::vector<std::string> ids;
    for (const auto& spec : m_config.sections.sections) ids.push_back(spec.id);
    for (const auto& entry : sections.entries) {
      auto it = std::find_if(m_config.sections.sections.begin(), m_config.sections.sections.end(),
                             [&](const SectionSpec& spec) { return spec.id == entry.key; });
      if (it == m_config.sections.sections.end()) {
        unknown_key(entry, ids, " under 'sections'");
        continue;
      }
      std::vector<std::string> headings;
      extend_list(entry, headings);
      for (auto& heading : headings) {
        it->normalised.push_back(normalise_heading(heading));
        it->headings.push_back(std::move(heading));
      }
    }
  }

  void read_rules(const YamlValue& rules) {
    if (rules.is_null()) return;
    if (!rules.is_map()) {
      problem(rules.position,
              fmt::format("'rules' must map rule ids to settings, got {}", rules.kind_name()));
      return;
    }
    // Rule ids are checked against the registry by the linter, which knows them.
    for (const auto& entry : rules.entries) {
      RuleConfig rule;
      rule.position = entry.key_position;
      const YamlValue* severity = nullptr;
      if (entry.value.is_scalar()) {
        severity = &entry.value;
      } else if (entry.value.is_map()) {
        rule.options = entry.value;
        severity = entry.value.find("severity");
      } else if (!entry.value.is_null()) {
        problem(entry.value.position,
                fmt::format("rule '{}' takes a severity or a mapping of options, got {}", entry.key,
                            entry.value.kind_name()),
                fmt::format("for example `{}: warning` or `{}: {{severity: off}}`", entry.key,
                            entry.key));
      }
      if (severity != nullptr) {
        if (auto parsed = parse_severity(severity->scalar); parsed && severity->is_scalar()) {
          rule.severity = parsed;
        } else {
          problem(severity->position,
                  fmt::format(
                      "severity of rule '{}' must be error, warning, suggestion or off, got '{}'",
                      entry.key, severity->scalar));
        }
      }
      m_config.rules[entry.key] = std::move(rule);
    }
  }

  Config& m_config;
  std::string m_file;
};

} // namespace

std::optional<std::string> SectionCatalog::match(std::string_view heading) const {
  const std::string normalised = normalise_heading(heading);
  if (normalised.empty()) return std::nullopt;
  for (const auto& spec : sections) {
    if (std::find(spec.normalised.begin(), spec.normalised.end(), normalised) !=
        spec.normalised.end())
      return spec.id;
  }
  return std::nullopt;
}

const SectionSpec* SectionCatalog::find(std::string_view id) const {
  for (const auto& spec : sections) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

SectionCatalog default_section_catalog() {
  SectionCatalog catalog;
  catalog.sections = {
      make_section("summary", true, {"Summary", "概要", "摘要"}),
      make_section("value", true,
                   {"How would the customer articulate the value of their choice?",
                    "客户会如何表达他们选择的价值？"}),
      make_section("voices", true,
                   {"Who were the most influential voices in and outside the room?",
                    "谁是会议室内外最具影响力的声音？"}),
      make_section("factors", true,
                   {"Beyond price, what were the key factors in the decision?",
                    "除了价格以外，客户决策的关键因素是什么？"}),
      make_section("price", false, {"Role of price", "The role of price", "价格的作用"}),
      make_section("timeline", false, {"Timeline", "时间线"}),
      make_section("next-time", true,
                   {"What we will do differently", "What we will repeat and what we will improve",
                    "我们下次会怎么做", "下次我们会怎么做", "哪些要继续保持，哪些要改进"}),
      make_section("sources", false, {"Sources", "来源"}),
  };
  return catalog;
}

namespace {

// No empty, "." or ".." component: lexically_normal would leave the path as it is.
bool is_plain(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if ((part.empty() && start != 0) || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

} // namespace

std::string Config::display_path(const std::filesystem::path& path) const {
  // A file listed under the root is the root, a slash and a plain relative path;
  // the lexical computation below takes both paths apart, which was a tenth of
  // `lint --changed` at 10,000 reviews.
  std::string_view base = root.native();
  if (base.size() > 1 && base.ends_with('/')) base.remove_suffix(1);
  const std::string_view full = path.native();
  if (!base.empty() && full.size() > base.size() + 1 && full.starts_with(base) &&
      full[base.size()] == '/' && is_plain(base)) {
    const std::string_view rest = full.substr(base.size() + 1);
    if (!rest.starts_with('/') && is_plain(rest)) return std::string(rest);
  }
  // Lexical, not std::filesystem::relative: that resolves symlinks, and a linked
  // folder must be named as the user sees it.
  auto relative = path.lexically_normal().lexically_relative(root.lexically_normal());
  if (relative.empty() || relative.native().starts_with("..")) relative = path;
  return relative.generic_string();
}

Config default_config(const std::filesystem::path& root) {
  Config config;
  config.root = root;
  config.teams = k_default_teams;
  config.decision_factors = k_default_decision_factors;
  config.stakeholder_roles = k_default_stakeholder_roles;
  config.segments = k_default_segments;
  config.sections = default_section_catalog();
  return config;
}

std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  while (true) {
    const auto candidate = dir / "review.yaml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

Config parse_config(std::string_view text, const std::filesystem::path& file) {
  Config config = default_config(file.parent_path());
  config.file = file;
  config.text = text;
  const std::string display = file.filename().string();
  const auto parsed = parse_yaml(text, 1);
  if (!parsed.ok) {
    throw Error(fmt::format(
        "{}:{}:{}: {} — review.yaml is not valid YAML; fix it or remove it to use the defaults",
        file.string(), parsed.error_position.line, parsed.error_position.column, parsed.error));
  }
  config.raw = parsed.root;
  ConfigReader reader(config, display);
  reader.read(parsed.root);
  return config;
}

Config load_config(const std::filesystem::path& start) {
  if (auto file = find_config_file(start)) return parse_config(read_file(*file), *file);
  // No review.yaml: the enclosing git work tree (the folder holding .git) is the root.
  std::error_code ec;
  auto dir = std::filesystem::absolute(start, ec);
  for (auto probe = dir; !ec; probe = probe.parent_path()) {
    if (std::filesystem::exists(probe / ".git", ec)) return default_config(probe);
    if (!probe.has_parent_path() || probe.parent_path() == probe) break;
  }
  return default_config(dir);
}

} // namespace review::core
