#include "site/build.hpp"

#include "core/error.hpp"
#include "core/front_matter_cache.hpp"
#include "core/fs.hpp"
#include "core/git.hpp"
#include "core/repo.hpp"
#include "site/pages.hpp"
#include "site/parallel.hpp"
#include "site/review_records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_set>

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

// Drops, as each review is parsed, what no page reads: the front matter's tree beyond
// a team's own keys (the rest is in typed fields), the runs other than raw HTML (which
// plain text leaves out) with their positions, the inline spans, the links, and
// findings below error (only errors keep a review off the site). At 10,000 reviews
// the parse trees were most of a build's peak memory.
void keep_what_the_site_uses(core::Review& review) {
  auto& entries = review.front_matter.entries;
  std::erase_if(entries,
                [](const core::YamlValue::Entry& entry) { return is_known_key(entry.key); });
  entries.shrink_to_fit();
  for (core::Block& block : review.body.blocks) {
    std::erase_if(block.runs, [](const core::Run& run) { return run.kind != core::RunKind::html; });
    block.runs.shrink_to_fit();
    block.spans = {};
  }
  review.body.blocks.shrink_to_fit();
  review.body.links = {};
  std::erase_if(review.diagnostics, [](const core::Diagnostic& diagnostic) {
    return diagnostic.severity != core::Severity::error;
  });
}

struct Loaded {
  core::RepoScan scan;
  std::optional<core::GitRepo> repo; // none outside git; closed after the walk unless --ref
  std::string commit;                // the ref's commit, "" for the working tree
  std::string prefix;                // the config root inside the repo
  bool in_git = false;
  std::vector<ReviewSource> sources; // parallel to scan.reviews
  std::size_t parsed = 0;            // review files parsed rather than read from records
  std::map<std::string, core::FileHistory> history; // by Review::path
  std::string history_warning;
  std::filesystem::path cache_folder; // empty outside git or with caching off
};

// Every file's history under the reviews folder is kept between builds; none when the
// folder lies outside the repository or caching is off.
core::HistoryCache history_cache(const core::Config& config, const Loaded& loaded) {
  const fs::path folder = fs::path(loaded.prefix + config.reviews_dir).lexically_normal();
  if (folder.is_absolute() || folder.native().starts_with("..")) return {};
  const fs::path& cache_folder = loaded.cache_folder;
  if (cache_folder.empty()) return {};
  std::string relative = folder.generic_string();
  if (relative == ".") relative.clear();
  if (!relative.empty() && !relative.ends_with('/')) relative += '/';
  return {cache_folder / "history", relative};
}

// The history of every review file, walked before the reviews are parsed: the walk's
// memory (80 MiB at 10,000 reviews) is given back before theirs is taken.
void walk_history(const core::Config& config, Loaded& loaded,
                  const std::vector<std::string>& review_paths) {
  if (!loaded.repo) return;
  std::vector<std::string> git_paths;
  git_paths.reserve(review_paths.size());
  for (const std::string& path : review_paths) git_paths.push_back(loaded.prefix + path);
  auto history =
      loaded.repo->history(git_paths, &loaded.history_warning, history_cache(config, loaded));
  for (const std::string& path : review_paths) {
    const auto found = history.find(loaded.prefix + path);
    if (found != history.end()) loaded.history.emplace(path, std::move(found->second));
  }
  // Only --ref reads from git again; closing the repository gives back its pack
  // windows and caches.
  if (loaded.commit.empty()) loaded.repo.reset();
}

Loaded load(const core::Config& config, const BuildOptions& options,
            std::optional<core::GitRepo> repo) {
  Loaded loaded;
  loaded.repo = std::move(repo);
  loaded.in_git = loaded.repo.has_value();
  if (loaded.repo) {
    loaded.prefix = prefix_in_repo(config, *loaded.repo);
    loaded.cache_folder = loaded.repo->cache_folder();
  }
  if (options.ref.empty()) {
    std::vector<core::Diagnostic> listing_problems;
    const auto files = core::list_review_files(config, listing_problems);
    std::vector<std::string> paths;
    paths.reserve(files.size());
    for (const auto& file : files) paths.push_back(config.display_path(file));
    walk_history(config, loaded, paths);
    SiteReviews reviews = load_site_reviews(
        config, files, paths, options.threads, keep_what_the_site_uses,
        loaded.cache_folder.empty() ? fs::path() : loaded.cache_folder / "records",
        core::FrontMatterCache::file_for_repo(config));
    loaded.scan = std::move(reviews.scan);
    loaded.sources = std::move(reviews.sources);
    loaded.parsed = reviews.parsed;
    loaded.scan.problems.insert(loaded.scan.problems.begin(), listing_problems.begin(),
                                listing_problems.end());
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
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (const auto& file : files) paths.push_back(file.path);
  walk_history(config, loaded, paths);
  loaded.scan = core::parse_reviews(config, files, options.threads, keep_what_the_site_uses);
  loaded.parsed = loaded.scan.reviews.size();
  loaded.sources.resize(loaded.scan.reviews.size());
  parallel_for(loaded.scan.reviews.size(), options.threads,
               [&](std::size_t i) { loaded.sources[i] = take_source(loaded.scan.reviews[i]); });
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

} // namespace

BuildResult build_site(const core::Config& config, const BuildOptions& options) {
  BuildResult result;
  std::optional<core::GitRepo> repo = core::GitRepo::discover(config.root);
  const fs::path cache_folder = repo ? repo->cache_folder() : fs::path();
  // Claimed before the reviews are loaded, so that the old sites earlier builds left
  // in the cache folder are removed meanwhile.
  StagedBuild staged(options.out.empty() ? config.root / config.site.output : options.out,
                     cache_folder.empty() ? fs::path() : cache_folder / "old-sites");
  Loaded loaded = load(config, options, std::move(repo));
  result.problems = loaded.scan.problems;

  // The reviews stay where they were loaded; the site points into them.
  std::vector<const core::Review*> on_site;
  std::unordered_set<std::string_view> ids;
  int confidential = 0;
  for (const core::Review& review : loaded.scan.reviews) {
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
    if (!options.include_confidential && review.is_confidential())
      ++confidential;
    else
      on_site.push_back(&review);
  }

  SiteModel model;
  model.config = &config;
  model.title = config.site.title;
  model.base_url = options.base_url ? *options.base_url : config.site.base_url;
  model.today = options.today;
  model.include_confidential = options.include_confidential;
  model.reviews = std::move(on_site);
  std::sort(model.reviews.begin(), model.reviews.end(),
            [](const core::Review* a, const core::Review* b) {
              if (*a->close_date != *b->close_date) return *a->close_date > *b->close_date;
              return a->id < b->id;
            });
  result.reviews = static_cast<int>(model.reviews.size());
  result.confidential = confidential;

  if (loaded.in_git) {
    model.git_prefix = loaded.prefix;
    model.history = std::move(loaded.history);
    if (!loaded.history_warning.empty()) result.warnings.push_back(loaded.history_warning);
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
  model.sources.reserve(model.reviews.size());
  for (const core::Review* review : model.reviews) {
    const auto loaded_at = static_cast<std::size_t>(review - loaded.scan.reviews.data());
    model.sources.push_back(std::move(loaded.sources[loaded_at]));
  }
  model.read_review = [&config](const fs::path& file) -> std::optional<core::Review> {
    core::LoadedReview loaded_review = core::load_review(config, file);
    if (loaded_review.review) keep_what_the_site_uses(*loaded_review.review);
    return std::move(loaded_review.review);
  };

  SiteOutput& out = staged.output();
  const fs::path page_cache =
      loaded.cache_folder.empty() ? fs::path() : loaded.cache_folder / "pages";
  write_assets(theme_css, model.has_theme_css, out);
  const PageCache previous_build = PageCache::read(page_cache, staged.folder(), config.text);
  PageDigests made = write_review_pages(model, out, options.threads, previous_build);
  const SearchShards shards = write_search_index(model, out, options.threads, previous_build, made);
  // The exports need no other page: they are written beside the listings and overview
  // pages, which after a small change are mostly linked from the previous site.
  const auto launch = options.threads == 1 ? std::launch::deferred : std::launch::async;
  std::future<PiecedFiles> exports = std::async(
      launch, [&] { return write_exports(model, out, options.threads, previous_build); });
  write_listings(model, shards, out, previous_build, made);
  write_home(model, out);
  write_actions(model, out, previous_build, made);
  write_insights(model, out);
  write_coverage(model, out);
  const PiecedFiles pieced = exports.get();
  // GitHub Pages would otherwise run Jekyll over the site.
  out.write(".nojekyll", "");
  staged.commit();
  PageCache::write(page_cache, staged.folder(), config.text, made, pieced, out.stamps());
  result.parsed = static_cast<int>(loaded.parsed);
  result.pages = out.pages();
  result.files = out.files();
  result.out = options.out.empty() ? config.root / config.site.output : options.out;
  core::sort_diagnostics(result.problems);
  return result;
}

bool has_review_records(const core::Config& config) {
  const std::optional<core::GitRepo> repo = core::GitRepo::discover(config.root);
  const fs::path cache_folder = repo ? repo->cache_folder() : fs::path();
  std::error_code ec;
  return !cache_folder.empty() && fs::exists(cache_folder / "records", ec);
}

} // namespace review::site
