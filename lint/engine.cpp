#include "lint/engine.hpp"

#include "core/error.hpp"
#include "core/front_matter.hpp"
#include "core/front_matter_cache.hpp"
#include "core/fs.hpp"
#include "core/git.hpp"
#include "core/parallel.hpp"
#include "core/repo.hpp"
#include "core/text.hpp"
#include "lint/control.hpp"
#include "lint/rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <memory>
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

// What git says changed since the base, as canonical paths, and what to tell the user
// about the comparison.
struct ChangedPaths {
  std::unordered_set<std::string> canonical;
  std::vector<std::string> notes;
};

ChangedPaths changed_paths_since(const core::Config& config, const std::string& base) {
  auto repo = core::GitRepo::discover(config.root);
  if (!repo)
    throw core::Error(
        fmt::format("--changed compares with git, but {} is not in a git repository; name "
                    "the files or folders to lint instead, e.g. `review lint reviews/`",
                    config.root.string()));
  ChangedPaths result;
  std::string note;
  const std::string compare_with = repo->comparison_base(base, note);
  if (!note.empty()) result.notes.push_back(std::move(note));
  const core::ChangedFiles changed = repo->changed_since(compare_with);
  if (!changed.warning.empty()) result.notes.push_back(changed.warning);
  const fs::path workdir = repo->workdir();
  for (const auto& path : changed.paths) {
    std::error_code ec;
    result.canonical.insert(fs::weakly_canonical(workdir / path, ec).string());
  }
  return result;
}

// The files among `files` that git says changed.
std::vector<fs::path> keep_changed(std::vector<fs::path> files, const ChangedPaths& changed) {
  const std::unordered_set<std::string>& changed_paths = changed.canonical;
  // Canonicalising every file of the repo (a readlink per path component) was most of
  // --changed at 10,000 reviews: resolve each folder once and append the name. A
  // review may also be a link to a changed file elsewhere; looking for links costs an
  // lstat per file, so only when some changed Markdown file matched no review.
  std::unordered_map<std::string, fs::path> canonical_folders;
  std::unordered_set<std::string> matched;
  std::vector<char> kept(files.size(), 0);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    auto [folder, inserted] = canonical_folders.try_emplace(files[i].parent_path().string());
    if (inserted) folder->second = fs::weakly_canonical(files[i].parent_path(), ec);
    std::string path = (folder->second / files[i].filename()).string();
    if (changed_paths.contains(path)) {
      kept[i] = 1;
      matched.insert(std::move(path));
    }
  }
  const bool may_be_linked =
      std::any_of(changed_paths.begin(), changed_paths.end(), [&](const auto& path) {
        return path.ends_with(".md") && !matched.contains(path);
      });
  for (std::size_t i = 0; may_be_linked && i < files.size(); ++i) {
    std::error_code ec;
    if (kept[i] == 0 && fs::is_symlink(files[i], ec))
      kept[i] = changed_paths.contains(fs::weakly_canonical(files[i], ec).string()) ? 1 : 0;
  }
  std::vector<fs::path> changed_files;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (kept[i] != 0) changed_files.push_back(std::move(files[i]));
  return changed_files;
}

// What the file rules found in one review, and its control comments for the repo rules.
struct FileLint {
  std::vector<core::Diagnostic> diagnostics;
  std::optional<Controls> controls;
};

class Linter {
public:
  Linter(const core::Config& config, const LintScope& scope)
      : m_config(config), m_scope(scope), m_rules(active_rules(config)), m_ids(rule_ids()) {}

  FileLint lint_file(const core::Review& review) const {
    FileLint result;
    std::vector<core::Diagnostic>& out = result.diagnostics;
    // Files that are not valid UTF-8 or hold NUL bytes: always reported, never switched off.
    for (const auto& diagnostic : review.diagnostics) {
      if (diagnostic.rule == "file") out.push_back(diagnostic);
    }
    result.controls.emplace(review.body.comments, review.path, m_ids, out);
    for (const ActiveRule& active : m_rules) {
      if (active.rule->check_file == nullptr) continue;
      Findings findings(active.rule->doc.id, active.severity);
      active.rule->check_file(review, context_for(active), findings);
      for (auto& diagnostic : findings.diagnostics()) {
        if (!result.controls->suppresses(diagnostic.rule, diagnostic.position))
          out.push_back(std::move(diagnostic));
      }
    }
    return result;
  }

  // Runs the repo rules over `reviews` (per_file[i] belongs to reviews[i]), then sorts
  // and counts. `source_of(i)` gives the text of reviews[i] for the excerpts.
  template <class SourceOf>
  LintReport finish(std::span<const core::Review> reviews, std::vector<FileLint> per_file,
                    std::vector<core::Diagnostic> problems, SourceOf source_of) const {
    LintReport report;
    std::set<std::string> unloaded;
    for (const auto& problem : problems) {
      if (problem.rule == "file" && problem.severity == core::Severity::error)
        unloaded.insert(problem.file);
    }
    report.files_checked = reviews.size() + unloaded.size();

    std::vector<core::Diagnostic> found = std::move(problems);
    for (auto& diagnostic : check_config(m_config)) {
      report.config_failed = report.config_failed || diagnostic.severity == core::Severity::error;
      found.push_back(std::move(diagnostic));
    }
    for (auto& file : per_file)
      std::move(file.diagnostics.begin(), file.diagnostics.end(), std::back_inserter(found));

    std::unordered_map<std::string_view, std::size_t> index_of;
    index_of.reserve(reviews.size());
    for (std::size_t i = 0; i < reviews.size(); ++i) index_of.emplace(reviews[i].path, i);
    for (const ActiveRule& active : m_rules) {
      if (active.rule->check_repo == nullptr) continue;
      Findings findings(active.rule->doc.id, active.severity);
      active.rule->check_repo(reviews, context_for(active), findings);
      for (auto& diagnostic : findings.diagnostics()) {
        const auto it = index_of.find(diagnostic.file);
        if (it != index_of.end() &&
            per_file[it->second].controls->suppresses(diagnostic.rule, diagnostic.position))
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
    }
    // The texts shown in excerpts, fetched on every core (lint_repo reads them from disk).
    std::vector<std::size_t> shown;
    for (const auto& diagnostic : found) {
      if (auto it = index_of.find(diagnostic.file); it != index_of.end()) {
        shown.push_back(it->second);
      } else if (!m_config.file.empty() && diagnostic.file == config_display(m_config) &&
                 !report.sources.contains(diagnostic.file)) {
        try {
          report.sources.emplace(diagnostic.file, core::read_file(m_config.file));
        } catch (const core::Error&) { // the message still stands without its source line
        }
      }
    }
    std::sort(shown.begin(), shown.end());
    shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
    std::vector<std::string> texts(shown.size());
    core::parallel_for(shown.size(), m_scope.threads,
                       [&](std::size_t i) { texts[i] = source_of(shown[i]); });
    for (std::size_t i = 0; i < shown.size(); ++i)
      report.sources.emplace(reviews[shown[i]].path, std::move(texts[i]));
    report.diagnostics = std::move(found);
    return report;
  }

private:
  RuleContext context_for(const ActiveRule& active) const {
    return RuleContext{m_config,         *active.options,    m_scope.today,
                       m_scope.quarters, m_scope.repo_paths, m_scope.whole_repo};
  }

  const core::Config& m_config;
  const LintScope& m_scope;
  std::vector<ActiveRule> m_rules;
  std::vector<std::string> m_ids;
};

// Drops what only the file rules read, once they have run: the repo rules need the
// path, id, links, quarter, author and outcome, and the report the text. Holding every
// parsed body until the end cost most of lint's memory at 10,000 reviews.
void keep_for_repo_rules(core::Review& review) {
  review.front_matter = {};
  review.diagnostics = {};
  review.stakeholders = {};
  review.evidence = {};
  review.decision_factors = {};
  review.competitors = {};
  review.body.sections = {};
  review.body.blocks = {};
  review.body.actions = {};
  review.body.comments = {};
}

} // namespace

LintReport lint_reviews(const core::Config& config, std::span<const core::Review> reviews,
                        const LintScope& scope, std::vector<core::Diagnostic> problems) {
  const Linter linter(config, scope);
  std::vector<FileLint> per_file(reviews.size());
  core::parallel_for(reviews.size(), scope.threads,
                     [&](std::size_t i) { per_file[i] = linter.lint_file(reviews[i]); });
  return linter.finish(reviews, std::move(per_file), std::move(problems),
                       [&](std::size_t i) { return reviews[i].source.text; });
}

LintReport lint_repo(const core::Config& config, const LintOptions& options) {
  // Compiling the blame patterns takes as long as listing 10,000 files and asking git
  // what changed: on a second core, `lint --changed` waits for neither.
  std::future<void> prepared = std::async(std::launch::async, [&config] {
    for (const ActiveRule& active : active_rules(config))
      if (active.rule->prepare != nullptr) active.rule->prepare();
  });
  const bool whole_repo = options.paths.empty() && !options.changed;
  // A run over the whole repo reads the front-matter cache (20 MiB at 10,000
  // reviews) on a third thread while the files are listed.
  std::future<std::unique_ptr<core::FrontMatterCache>> whole_repo_cache;
  if (whole_repo) {
    whole_repo_cache = std::async(std::launch::async, [&config] {
      return std::make_unique<core::FrontMatterCache>(
          core::FrontMatterCache::file_for_repo(config));
    });
  }
  // git's comparison stats every tracked file, as the listing reads every folder:
  // each on its own core.
  std::future<ChangedPaths> changed;
  if (options.changed) {
    changed = std::async(std::launch::async,
                         [&config, &options] { return changed_paths_since(config, options.base); });
  }
  std::vector<core::Diagnostic> listing_problems;
  const std::vector<fs::path> repo_files = core::list_review_files(config, listing_problems);
  std::vector<fs::path> files =
      options.paths.empty() ? repo_files : expand_paths(config, options.paths);
  std::vector<std::string> notes;
  if (changed.valid()) {
    ChangedPaths found = changed.get();
    files = keep_changed(std::move(files), found);
    notes = std::move(found.notes);
  }

  LintScope scope;
  scope.today = options.today;
  scope.quarters = options.quarters;
  scope.whole_repo = whole_repo;
  scope.threads = options.threads;
  const Linter linter(config, scope);
  prepared.get();

  // Each file is read, parsed and run through the file rules on one thread, then
  // trimmed to what the repo rules need, so the parsed bodies never pile up.
  // The cache holds the whole repo's front matter: reading it costs more than it
  // saves when only a few files are linted (--changed, a pre-commit hook).
  const bool use_cache = files.size() * 4 >= repo_files.size();
  std::vector<core::LoadedReview> loaded(files.size());
  std::vector<FileLint> linted(files.size());
  { // the cache's memory is given back before the repo rules run
    const std::unique_ptr<core::FrontMatterCache> cache =
        whole_repo_cache.valid()
            ? whole_repo_cache.get()
            : std::make_unique<core::FrontMatterCache>(
                  use_cache ? core::FrontMatterCache::file_for_repo(config) : fs::path());
    core::parallel_for(files.size(), options.threads, [&](std::size_t i) {
      loaded[i] = core::load_review(config, files[i], cache.get());
      if (!loaded[i].review) return;
      linted[i] = linter.lint_file(*loaded[i].review);
      keep_for_repo_rules(*loaded[i].review);
      // The text is only shown in excerpts of findings, read again for the files that
      // have some: keeping the text of every file with a finding (a third of them)
      // was an eighth of the peak memory. (Swapped out: assigning an empty string
      // keeps the old buffer's capacity.)
      std::string().swap(loaded[i].review->source.text);
    });
    cache->save(whole_repo);
  }
  std::vector<core::Review> reviews;
  std::vector<const fs::path*> review_files; // per review: the file to read its text from
  std::vector<FileLint> per_file;
  std::vector<core::Diagnostic> problems;
  reviews.reserve(files.size());
  review_files.reserve(files.size());
  per_file.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (loaded[i].review) {
      reviews.push_back(std::move(*loaded[i].review));
      review_files.push_back(&files[i]);
      per_file.push_back(std::move(linted[i]));
    }
    if (loaded[i].problem) problems.push_back(std::move(*loaded[i].problem));
  }
  loaded = {};
  if (whole_repo) problems.insert(problems.end(), listing_problems.begin(), listing_problems.end());

  // Set after the file rules ran: none of them reads the repo's paths.
  for (const auto& file : repo_files) scope.repo_paths.push_back(config.display_path(file));
  for (const auto& review : reviews) scope.repo_paths.push_back(review.path);
  std::sort(scope.repo_paths.begin(), scope.repo_paths.end());
  scope.repo_paths.erase(std::unique(scope.repo_paths.begin(), scope.repo_paths.end()),
                         scope.repo_paths.end());

  LintReport report = linter.finish(
      reviews, std::move(per_file), std::move(problems), [&](std::size_t i) -> std::string {
        try {
          return core::normalise_source(core::read_file(*review_files[i])).text;
        } catch (const core::Error&) { // the finding stands without its excerpt
          return {};
        }
      });
  report.notes = std::move(notes);
  return report;
}

} // namespace review::lint
