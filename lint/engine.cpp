#include "lint/engine.hpp"

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/parallel.hpp"
#include "core/repo.hpp"
#include "core/text.hpp"
#include "lint/control.hpp"
#include "lint/rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace review::lint {
namespace {

namespace fs = std::filesystem;

const core::YamlValue k_no_options;

struct ActiveRule {
  const Rule* rule = nullptr;
  core::Severity severity = core::Severity::error;
  const core::YamlValue* options = &k_no_options;
};

std::vector<ActiveRule> active_rules(const core::Config& config) {
  std::vector<ActiveRule> active;
  for (const Rule& rule : all_rules()) {
    ActiveRule entry{&rule, rule.doc.default_severity, &k_no_options};
    if (auto it = config.rules.find(std::string(rule.doc.id)); it != config.rules.end()) {
      if (it->second.severity) entry.severity = *it->second.severity;
      entry.options = &it->second.options;
    }
    if (entry.severity != core::Severity::off) active.push_back(entry);
  }
  return active;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const Rule& rule : all_rules()) ids.emplace_back(rule.doc.id);
  return ids;
}

std::string config_display(const core::Config& config) {
  return config.file.empty() ? std::string("review.yaml") : config.display_path(config.file);
}

// review.yaml's own problems, rule ids the registry does not know, and rule options.
std::vector<core::Diagnostic> check_config(const core::Config& config) {
  std::vector<core::Diagnostic> found = config.problems;
  const std::string file = config_display(config);
  const std::vector<std::string> ids = rule_ids();
  const auto warn = [&](core::Position position, std::string message, std::string hint) {
    found.push_back(core::Diagnostic{"config", core::Severity::warning, std::move(message),
                                     std::move(hint), file, position});
  };
  for (const auto& [id, settings] : config.rules) {
    const Rule* rule = find_rule(id);
    if (rule == nullptr) {
      std::string message = fmt::format("unknown rule '{}' under 'rules'", id);
      if (auto suggestion = core::did_you_mean(id, ids))
        message += fmt::format(" — did you mean '{}'?", *suggestion);
      warn(settings.position, std::move(message), "`review rules` lists every rule id");
      continue;
    }
    if (!settings.options.is_map()) continue;
    // A rule that documents options but declares no keys checks its own (or none).
    if (!rule->option_keys.empty() || rule->doc.options.empty()) {
      std::vector<std::string> keys(rule->option_keys.begin(), rule->option_keys.end());
      for (const auto& entry : settings.options.entries) {
        if (entry.key == "severity" || std::find(keys.begin(), keys.end(), entry.key) != keys.end())
          continue;
        std::string message = fmt::format("rule '{}' has no option '{}'", id, entry.key);
        if (auto suggestion = core::did_you_mean(entry.key, keys))
          message += fmt::format(" — did you mean '{}'?", *suggestion);
        warn(entry.key_position, std::move(message),
             keys.empty()
                 ? std::string("this rule takes only a severity: error, warning, suggestion or off")
                 : fmt::format("its options: severity, {}", core::join_alternatives(keys, "and")));
      }
    }
    if (rule->check_options != nullptr) {
      Findings findings("config", core::Severity::error);
      rule->check_options(settings.options, file, findings);
      for (auto& diagnostic : findings.diagnostics()) found.push_back(std::move(diagnostic));
    }
  }
  return found;
}

std::vector<fs::path> expand_paths(const core::Config& config, std::span<const fs::path> paths) {
  std::vector<fs::path> files;
  std::set<fs::path> seen;
  const auto add = [&](const fs::path& file) {
    std::error_code ec;
    const fs::path key = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : key).second) files.push_back(file);
  };
  for (const auto& given : paths) {
    const fs::path path = given.is_absolute() ? given : fs::current_path() / given;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
      throw core::Error(fmt::format("{}: no such file or folder", given.string()));
    if (fs::is_directory(status)) {
      core::Config folder = config;
      folder.reviews_dir = path.string(); // root / absolute path == the path
      std::vector<core::Diagnostic>
          ignored; // a listing problem in a folder shows when the repo is linted
      for (const auto& file : core::list_review_files(folder, ignored)) add(file);
    } else {
      add(path);
    }
  }
  return files;
}

std::vector<fs::path> keep_changed(const core::Config& config, std::vector<fs::path> files,
                                   const std::string& base, std::vector<std::string>& notes) {
  auto repo = core::GitRepo::discover(config.root);
  if (!repo)
    throw core::Error(fmt::format("--changed compares with git, but {} is not in a git repository",
                                  config.root.string()));
  std::string note;
  const std::string compare_with = repo->comparison_base(base, note);
  if (!note.empty()) notes.push_back(std::move(note));
  const core::ChangedFiles changed = repo->changed_since(compare_with);
  if (!changed.warning.empty()) notes.push_back(changed.warning);
  std::unordered_set<std::string> changed_paths;
  const fs::path workdir = repo->workdir();
  for (const auto& path : changed.paths) {
    std::error_code ec;
    changed_paths.insert(fs::weakly_canonical(workdir / path, ec).string());
  }
  std::erase_if(files, [&](const fs::path& file) {
    std::error_code ec;
    return !changed_paths.contains(fs::weakly_canonical(file, ec).string());
  });
  return files;
}

} // namespace

LintReport lint_reviews(const core::Config& config, std::span<const core::Review> reviews,
                        const LintScope& scope, std::vector<core::Diagnostic> problems) {
  LintReport report;
  std::set<std::string> unloaded;
  for (const auto& problem : problems) {
    if (problem.rule == "file" && problem.severity == core::Severity::error)
      unloaded.insert(problem.file);
  }
  report.files_checked = reviews.size() + unloaded.size();

  std::vector<core::Diagnostic> found = std::move(problems);
  for (auto& diagnostic : check_config(config)) {
    report.config_failed = report.config_failed || diagnostic.severity == core::Severity::error;
    found.push_back(std::move(diagnostic));
  }

  const std::vector<ActiveRule> rules = active_rules(config);
  const std::vector<std::string> ids = rule_ids();
  std::vector<std::vector<core::Diagnostic>> per_review(reviews.size());
  std::vector<std::optional<Controls>> controls(reviews.size());
  const auto context_for = [&](const ActiveRule& active) {
    return RuleContext{config,         *active.options,  scope.today,
                       scope.quarters, scope.repo_paths, scope.whole_repo};
  };

  core::parallel_for(reviews.size(), scope.threads, [&](std::size_t i) {
    const core::Review& review = reviews[i];
    std::vector<core::Diagnostic>& out = per_review[i];
    // Files that are not valid UTF-8 or hold NUL bytes: always reported, never switched off.
    for (const auto& diagnostic : review.diagnostics) {
      if (diagnostic.rule == "file") out.push_back(diagnostic);
    }
    controls[i].emplace(review.body.comments, review.path, ids, out);
    for (const ActiveRule& active : rules) {
      if (active.rule->check_file == nullptr) continue;
      Findings findings(active.rule->doc.id, active.severity);
      active.rule->check_file(review, context_for(active), findings);
      for (auto& diagnostic : findings.diagnostics()) {
        if (!controls[i]->suppresses(diagnostic.rule, diagnostic.position))
          out.push_back(std::move(diagnostic));
      }
    }
  });
  for (auto& diagnostics : per_review)
    std::move(diagnostics.begin(), diagnostics.end(), std::back_inserter(found));

  std::unordered_map<std::string_view, std::size_t> index_of;
  for (std::size_t i = 0; i < reviews.size(); ++i) index_of.emplace(reviews[i].path, i);
  for (const ActiveRule& active : rules) {
    if (active.rule->check_repo == nullptr) continue;
    Findings findings(active.rule->doc.id, active.severity);
    active.rule->check_repo(reviews, context_for(active), findings);
    for (auto& diagnostic : findings.diagnostics()) {
      const auto it = index_of.find(diagnostic.file);
      if (it != index_of.end() &&
          controls[it->second]->suppresses(diagnostic.rule, diagnostic.position))
        continue;
      found.push_back(std::move(diagnostic));
    }
  }

  core::sort_diagnostics(found);
  for (const auto& diagnostic : found) {
    switch (diagnostic.severity) {
    case core::Severity::error:
      ++report.errors;
      break;
    case core::Severity::warning:
      ++report.warnings;
      break;
    case core::Severity::suggestion:
      ++report.suggestions;
      break;
    case core::Severity::off:
      break;
    }
    if (report.sources.contains(diagnostic.file)) continue;
    if (auto it = index_of.find(diagnostic.file); it != index_of.end()) {
      report.sources.emplace(diagnostic.file, reviews[it->second].source.text);
    } else if (!config.file.empty() && diagnostic.file == config_display(config)) {
      try {
        report.sources.emplace(diagnostic.file, core::read_file(config.file));
      } catch (const core::Error&) { // the message still stands without its source line
      }
    }
  }
  report.diagnostics = std::move(found);
  return report;
}

LintReport lint_repo(const core::Config& config, const LintOptions& options) {
  const bool whole_repo = options.paths.empty() && !options.changed;
  std::vector<core::Diagnostic> listing_problems;
  const std::vector<fs::path> repo_files = core::list_review_files(config, listing_problems);
  std::vector<fs::path> files =
      options.paths.empty() ? repo_files : expand_paths(config, options.paths);
  std::vector<std::string> notes;
  if (options.changed) files = keep_changed(config, std::move(files), options.base, notes);

  core::RepoScan scan = core::load_reviews(config, files, options.threads);
  std::vector<core::Diagnostic> problems = std::move(scan.problems);
  if (whole_repo) problems.insert(problems.end(), listing_problems.begin(), listing_problems.end());

  LintScope scope;
  scope.today = options.today;
  scope.quarters = options.quarters;
  scope.whole_repo = whole_repo;
  scope.threads = options.threads;
  for (const auto& file : repo_files) scope.repo_paths.push_back(config.display_path(file));
  for (const auto& review : scan.reviews) scope.repo_paths.push_back(review.path);
  std::sort(scope.repo_paths.begin(), scope.repo_paths.end());
  scope.repo_paths.erase(std::unique(scope.repo_paths.begin(), scope.repo_paths.end()),
                         scope.repo_paths.end());

  LintReport report = lint_reviews(config, scan.reviews, scope, std::move(problems));
  report.notes = std::move(notes);
  return report;
}

} // namespace review::lint
