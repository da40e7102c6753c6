#include "site/build.hpp"

#include "core/error.hpp"
#include "core/front_matter_cache.hpp"
#include "core/fs.hpp"
#include "core/git.hpp"
#include "core/repo.hpp"
#include "site/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <set>

namespace review::site {
namespace {

namespace fs = std::filesystem;

// The repo-relative folder of the config root inside the git work tree ("" at the top).
std::string prefix_in_repo(const core::Config& config, const core::GitRepo& repo) {
  std::error_code ec;
  const fs::path workdir = fs::weakly_canonical(repo.workdir(), ec);
  const fs::path root = fs::weakly_canonical(config.root, ec);
  const fs::path relative = root.lexically_relative(workdir);
  if (relative.empty() || relative == "." || relative.native().starts_with("..")) return {};
  return relative.generic_string() + "/";
}

// The same rule as the working-tree scan: *.md, not README.md, no part starting with '.' or '_'.
bool is_review_file(const std::string& path) {
  if (!path.ends_with(".md")) return false;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view part(path.data() + start, end - start);
    if (part.starts_with('.') || part.starts_with('_')) return false;
    start = end + 1;
  }
  const std::size_t slash = path.rfind('/');
  std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name != "readme.md";
}

struct Loaded {
  core::RepoScan scan;
  std::optional<core::GitRepo> repo;
  std::string commit; // the ref's commit, "" for the working tree
  std::string prefix; // the config root inside the repo
};

Loaded load(const core::Config& config, const BuildOptions& options) {
  Loaded loaded;
  loaded.repo = core::GitRepo::discover(config.root);
  if (loaded.repo) loaded.prefix = prefix_in_repo(config, *loaded.repo);
  if (options.ref.empty()) {
    core::FrontMatterCache cache = core::FrontMatterCache::for_repo(config);
    loaded.scan = core::scan_repo(config, options.threads, &cache);
    cache.save(true);
    return loaded;
  }
  if (!loaded.repo) {
    throw core::Error(fmt::format(
        "--ref '{}' needs a git repository, and {} is not in one; build the working tree "
        "without --ref",
        options.ref, config.root.string()));
  }
  const auto commit = loaded.repo->resolve(options.ref);
  if (!commit) {
    throw core::Error(fmt::format(
        "--ref '{}' is not a branch, tag or commit in this repository; try 'main' or run "
        "`git fetch` first",
        options.ref));
  }
  loaded.commit = *commit;
  std::string subdir = loaded.prefix + config.reviews_dir;
  while (subdir.ends_with('/')) subdir.pop_back();
  std::vector<core::SourceFile> files;
  for (auto& [path, content] : loaded.repo->read_tree(*commit, subdir)) {
    std::string display =
        path.starts_with(loaded.prefix) ? path.substr(loaded.prefix.size()) : path;
    if (!is_review_file(display)) continue;
    files.push_back({std::move(display), std::move(content)});
  }
  loaded.scan = core::parse_reviews(config, files, options.threads);
  return loaded;
}

// Why a review cannot go on the site, or "" when it can.
std::optional<core::Diagnostic> unbuildable(const core::Review& review) {
  if (review.front_matter_ok && review.outcome && review.close_date) return std::nullopt;
  std::vector<core::Diagnostic> errors;
  for (const auto& d : review.diagnostics) {
    if (d.severity == core::Severity::error) errors.push_back(d);
  }
  core::sort_diagnostics(errors);
  core::Diagnostic problem;
  problem.rule = "build";
  problem.severity = core::Severity::error;
  problem.file = review.path;
  problem.hint = "fix it and build again; `review lint " + review.path + "` lists every problem";
  if (!errors.empty()) {
    problem.message = errors.front().message + "; the review was left out of the site";
    problem.position = errors.front().position;
    problem.rule = errors.front().rule;
  } else {
    problem.message = "the review needs an 'outcome' and a 'close_date' to be placed on the site, "
                      "so it was left out";
    problem.position = core::Position{1, 1};
  }
  return problem;
}

std::string read_partial(const core::Config& config, const Loaded& loaded, const std::string& path,
                         std::string_view key, std::vector<core::Diagnostic>& problems) {
  if (path.empty()) return {};
  std::optional<std::string> content;
  if (!loaded.commit.empty()) {
    content = loaded.repo->read_file_at(loaded.commit, loaded.prefix + path);
  } else {
    try {
      content = core::read_file(config.root / path);
    } catch (const core::Error&) {
      content.reset();
    }
  }
  if (!content) {
    problems.push_back(core::Diagnostic{
        "config", core::Severity::error,
        fmt::format("site.{} names '{}', which could not be read; the site was built without it",
                    key, path),
        "give a path relative to the folder of review.yaml, or remove the key",
        config.file.empty() ? std::string("review.yaml") : config.display_path(config.file),
        core::Position{}});
    return {};
  }
  return *content;
}

// Every file's history under the reviews folder is kept between builds; none when the
// folder lies outside the repository or caching is off.
core::HistoryCache history_cache(const core::Config& config, const Loaded& loaded) {
  const fs::path folder = fs::path(loaded.prefix + config.reviews_dir).lexically_normal();
  if (folder.is_absolute() || folder.native().starts_with("..")) return {};
  const fs::path cache_folder = loaded.repo->cache_folder();
  if (cache_folder.empty()) return {};
  std::string relative = folder.generic_string();
  if (relative == ".") relative.clear();
  if (!relative.empty() && !relative.ends_with('/')) relative += '/';
  return {cache_folder / "history", relative};
}

} // namespace

BuildResult build_site(const core::Config& config, const BuildOptions& options) {
  BuildResult result;
  Loaded loaded = load(config, options);
  result.problems = loaded.scan.problems;

  std::vector<core::Review> buildable;
  std::set<std::string> ids;
  for (auto& review : loaded.scan.reviews) {
    if (auto problem = unbuildable(review)) {
      result.problems.push_back(std::move(*problem));
      continue;
    }
    if (!ids.insert(review.id).second) {
      result.problems.push_back(core::Diagnostic{
          "build", core::Severity::error,
          fmt::format(
              "another review already has the id '{}' (the file name), so this one was left out",
              review.id),
          "rename one of the files; ids are file names and must be unique", review.path,
          core::Position{1, 1}});
      continue;
    }
    buildable.push_back(std::move(review));
  }

  SiteModel model;
  model.config = &config;
  model.title = config.site.title;
  model.base_url = options.base_url ? *options.base_url : config.site.base_url;
  model.today = options.today;
  model.include_confidential = options.include_confidential;
  model.reviews = publishable(buildable, options.include_confidential);
  std::sort(model.reviews.begin(), model.reviews.end(),
            [](const core::Review* a, const core::Review* b) {
              if (*a->close_date != *b->close_date) return *a->close_date > *b->close_date;
              return a->id < b->id;
            });
  result.reviews = static_cast<int>(model.reviews.size());
  result.confidential = static_cast<int>(buildable.size() - model.reviews.size());

  if (loaded.repo) {
    std::vector<std::string> paths;
    for (const auto* review : model.reviews) {
      const std::string git_path = loaded.prefix + review->path;
      model.git_paths[review->path] = git_path;
      paths.push_back(git_path);
    }
    std::string warning;
    auto history = loaded.repo->history(paths, &warning, history_cache(config, loaded));
    for (const auto* review : model.reviews) {
      auto it = history.find(model.git_paths[review->path]);
      if (it != history.end()) model.history[review->path] = std::move(it->second);
    }
    if (!warning.empty()) result.warnings.push_back(warning);
  } else {
    result.warnings.push_back(
        fmt::format("{} is not in a git repository, so review pages show no history (created, "
                    "updated, authors); run `git init` and commit the reviews to get it",
                    config.root.string()));
  }

  model.header_html =
      read_partial(config, loaded, config.site.header_html, "header", result.problems);
  model.footer_html =
      read_partial(config, loaded, config.site.footer_html, "footer", result.problems);
  const std::string theme_css =
      read_partial(config, loaded, config.site.theme_css, "theme_css", result.problems);
  model.has_theme_css = !theme_css.empty();
  derive(model);

  StagedBuild staged(options.out.empty() ? config.root / config.site.output : options.out);
  SiteOutput& out = staged.output();
  write_assets(theme_css, model.has_theme_css, out);
  // The pages' plain texts (60 MiB at 10,000 reviews) only feed the search index.
  const SearchShards shards = [&] {
    const std::vector<std::string> texts = write_review_pages(model, out, options.threads);
    return write_search_index(model, texts, out, options.threads);
  }();
  // The exports need no other page: they are written on a second core while the
  // listings and overview pages, each on one thread, are written on this one.
  const auto launch = options.threads == 1 ? std::launch::deferred : std::launch::async;
  std::future<void> exports = std::async(launch, [&] { write_exports(model, out, 1); });
  write_listings(model, shards, out);
  write_home(model, out);
  write_actions(model, out);
  write_insights(model, out);
  write_coverage(model, out);
  exports.get();
  // GitHub Pages would otherwise run Jekyll over the site.
  out.write(".nojekyll", "");
  result.pages = out.pages();
  result.files = out.files() + 1; // and the marker commit() writes
  staged.commit();
  result.out = options.out.empty() ? config.root / config.site.output : options.out;
  core::sort_diagnostics(result.problems);
  return result;
}

} // namespace review::site
