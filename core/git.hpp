// Git access behind one RAII wrapper; core/git.cpp is the only file that sees libgit2.
// Every call degrades rather than fails where git state is odd: no repo, no commits,
// detached HEAD, shallow clone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace review::core {

struct FileHistory {
  std::int64_t created =
      0; // commit time (seconds since epoch) of the first commit touching the file
  std::int64_t updated = 0; // of the last one
  std::string first_commit; // full hex ids
  std::string last_commit;
  std::vector<std::string> authors; // distinct author names, oldest first
  int revisions = 0;                // commits that changed the file
};

// Where GitRepo::history keeps what it walked, so that the next call reads only the
// commits made since (core/history_cache.hpp).
struct HistoryCache {
  std::filesystem::path file; // empty: nothing is kept
  // The repo-relative folder whose every file is kept: "" for the whole repo, else
  // ending in '/'. Requested paths outside it are walked without the cache.
  std::string folder;
};

struct ChangedFiles {
  std::vector<std::string> paths; // repo-relative, forward slashes, sorted, added or modified
  std::string base;               // what they were compared against (commit id), "" when none
  std::string warning;            // set when the base was missing and a fallback was used
};

class GitRepo {
public:
  // The repository containing `start` (a folder or a file), or nullopt when there is none.
  // Throws Error when one exists but cannot be opened (e.g. owned by another user).
  static std::optional<GitRepo> discover(const std::filesystem::path& start);
  // Creates a repository at `path` (git init) with "main" as its initial branch.
  static GitRepo init(const std::filesystem::path& path);

  GitRepo(GitRepo&&) noexcept;
  GitRepo& operator=(GitRepo&&) noexcept;
  ~GitRepo();

  std::filesystem::path workdir() const; // empty for a bare repo
  // The folder git keeps its own files in, shared by every worktree (hooks/ is in it).
  std::filesystem::path common_dir() const;
  // <common dir>/review-cache, where lint and build keep what spares the next run work;
  // empty when the environment sets REVIEW_CACHE=off.
  std::filesystem::path cache_folder() const;
  bool has_commits() const;
  bool is_head_detached() const;
  bool is_shallow() const;
  // The branch HEAD points to (also when it has no commit yet), nullopt when detached.
  std::optional<std::string> current_branch() const;

  std::optional<std::string> config_string(const std::string& key) const;
  std::optional<std::string> user_name() const { return config_string("user.name"); }
  std::optional<std::string> user_email() const { return config_string("user.email"); }

  // Full commit id for a ref or revision expression, or nullopt.
  std::optional<std::string> resolve(const std::string& revision) const;
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;
  // origin/HEAD's target, else "main" or "master" when they exist (local or origin/).
  std::optional<std::string> default_branch() const;

  // Creates `name` at HEAD and checks it out (HEAD points to it; the working tree is
  // unchanged since the commit is the same). Throws Error when it exists or there is no commit.
  void create_branch_and_checkout(const std::string& name);
  // Repo-relative paths with uncommitted changes (staged, unstaged or untracked).
  std::vector<std::string> dirty_paths() const;
  bool branch_exists(const std::string& name) const;

  // History of the given repo-relative paths in one walk from HEAD (first-parent
  // diffs: a merged branch's changes count as the merge commit's). Paths without a
  // commit are absent; renames are not followed; a deletion ends a file's history.
  // A shallow clone or a repo without commits yields what can be had;
  // `warning` (may be null) is set once to say what was degraded. With `cache`, the
  // walk stops at the commit the last call reached when HEAD's chain still holds it.
  std::map<std::string, FileHistory> history(std::span<const std::string> paths,
                                             std::string* warning,
                                             const HistoryCache& cache = {}) const;

  // What a branch is compared with: `requested` when given (Error when it names nothing
  // here, unless the clone is shallow), else the default branch, else HEAD with `note`
  // set to say that only uncommitted changes count.
  std::string comparison_base(const std::string& requested, std::string& note) const;
  // Files added or modified between `base` (a revision) and the working tree,
  // including uncommitted and untracked files. When `base` cannot be resolved
  // (a shallow clone lacks it), falls back to the files of the last commit plus the
  // working tree, and says so in `warning` with what to fetch.
  ChangedFiles changed_since(const std::string& base) const;

  // Every regular file under `subdir` ("" for all) of `revision`'s tree: repo-relative
  // path → content; empty when `subdir` is missing. Throws Error for an unknown revision.
  std::map<std::string, std::string> read_tree(const std::string& revision,
                                               const std::string& subdir) const;
  // One file at a revision, or nullopt.
  std::optional<std::string> read_file_at(const std::string& revision,
                                          const std::string& path) const;

private:
  struct Impl;
  explicit GitRepo(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace review::core
