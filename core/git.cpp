// The libgit2 adapter: RAII handles, libgit2 errors turned into core::Error, and the
// degraded paths (no repo, no commits, detached HEAD, shallow clone) handled here so
// no other file has to know about them.
#include "core/git.hpp"

#include "core/error.hpp"
#include "core/history_cache.hpp"

#include <git2.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace review::core {
namespace {

// ---- libgit2 lifetime and handles ------------------------------------------------

int init_libgit2() {
  const int code = git_libgit2_init();
  // libgit2 rehashes every object it reads, which git itself does not (only fsck
  // does): with a history walk reading each commit's folder trees, that was a tenth
  // of a 10,000-review build.
  if (code >= 0) git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  return code;
}

void ensure_libgit2() {
  static const int k_init = init_libgit2();
  if (k_init < 0) throw Error("cannot initialise libgit2");
}

template <auto Free> struct Deleter {
  template <typename T> void operator()(T* handle) const { Free(handle); }
};

using RepositoryPtr = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<git_diff_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Deleter<git_revwalk_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<git_reference_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object_free>>;
using ConfigPtr = std::unique_ptr<git_config, Deleter<git_config_free>>;
using StatusListPtr = std::unique_ptr<git_status_list, Deleter<git_status_list_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index_free>>;

// libgit2's own explanation of the last failure, or a generic one.
std::string last_error_message() {
  const git_error* error = git_error_last();
  if (error == nullptr || error->message == nullptr) return "unknown libgit2 error";
  return error->message;
}

// Throws Error("<what>: <libgit2 message>").
[[noreturn]] void fail(const std::string& what) {
  throw Error(what + ": " + last_error_message());
}

// fail(what) when `code` is negative. Messages naming a value are built only on failure,
// with `if (code < 0) fail(...)`, since some calls sit in the history walk's loop.
void check(int code, const char* what) {
  if (code < 0) fail(what);
}

std::string to_hex(const git_oid& id) {
  std::array<char, GIT_OID_HEXSZ + 1> buffer{};
  git_oid_tostr(buffer.data(), buffer.size(), &id);
  return buffer.data();
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The tree of `commit`, throwing when the object store lacks it.
TreePtr tree_of(const git_commit* commit) {
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit) < 0)
    fail("cannot read the tree of commit " + to_hex(*git_commit_id(commit)));
  return TreePtr(tree);
}

// The first parent of `commit`; null for a root commit. Throws when the parent is
// recorded but missing (the boundary of a shallow clone).
CommitPtr first_parent(const git_commit* commit) {
  if (git_commit_parentcount(commit) == 0) return nullptr;
  git_commit* parent = nullptr;
  if (git_commit_parent(&parent, commit, 0) < 0)
    fail("cannot read the parent of commit " + to_hex(*git_commit_id(commit)));
  return CommitPtr(parent);
}

// Repo-relative path of a delta's current side (the old side for a deletion).
const char* delta_path(const git_diff_delta& delta) {
  if (delta.new_file.path != nullptr) return delta.new_file.path;
  return delta.old_file.path;
}

bool is_added_or_modified(git_delta_t status) {
  switch (status) {
  case GIT_DELTA_ADDED:
  case GIT_DELTA_MODIFIED:
  case GIT_DELTA_RENAMED:
  case GIT_DELTA_COPIED:
  case GIT_DELTA_TYPECHANGE:
  case GIT_DELTA_UNTRACKED:
  case GIT_DELTA_CONFLICTED:
    return true;
  default:
    return false;
  }
}

void collect_added_or_modified(git_diff* diff, std::set<std::string>& out) {
  const std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta != nullptr && is_added_or_modified(delta->status)) out.insert(delta_path(*delta));
  }
}

// A requested file that differs between two trees.
struct PathChange {
  std::string path;
  bool deleted = false;
};

// The files a history walk asks about: named paths, or every file under a folder.
class WantedFiles {
public:
  explicit WantedFiles(std::span<const std::string> paths) : m_files(paths.begin(), paths.end()) {
    for (const std::string& path : paths)
      for (auto slash = path.find('/'); slash != std::string::npos;
           slash = path.find('/', slash + 1))
        m_folders.insert(std::string_view(path).substr(0, slash));
  }
  // `folder`: "" for the whole repo, else ending in '/'.
  explicit WantedFiles(std::string folder) : m_folder(std::move(folder)) {}

  // `folder` has no trailing '/'.
  bool wants_folder(std::string_view folder) const {
    if (m_folders.contains(folder)) return true;
    if (!m_folder) return false;
    const bool inside = folder.starts_with(*m_folder);
    const bool above = m_folder->starts_with(folder) && m_folder->size() > folder.size() &&
                       (*m_folder)[folder.size()] == '/';
    return inside || above;
  }
  bool wants_file(std::string_view path) const {
    return m_files.contains(path) || (m_folder && path.starts_with(*m_folder));
  }

private:
  std::unordered_set<std::string_view> m_files;   // views of the caller's paths
  std::unordered_set<std::string_view> m_folders; // every folder holding one of them
  std::optional<std::string> m_folder;
};

// Compares two trees the way `git diff-tree -r` does: a subtree with the same id on
// both sides is skipped unread, and only folders holding a requested path are entered.
// git_diff_tree_to_tree expands every subtree instead and re-inflates trees too large
// for libgit2's object cache, which made a history walk cost commits × all files.
class TreeComparer {
public:
  TreeComparer(git_repository* repo, const WantedFiles& wanted) : m_repo(repo), m_wanted(wanted) {}

  // The requested files added, modified or deleted from the tree `old_id` (null for
  // the empty tree) to the tree `new_id`. Throws Error when a tree cannot be read.
  // Called newest commit first, so each step's older side is the next step's newer one.
  const std::vector<PathChange>& compare(const git_oid* old_id, const git_oid* new_id) {
    m_changes.clear();
    m_path.clear();
    const TreePtr new_tree = tree(*new_id, Side::newer);
    const TreePtr old_tree = old_id == nullptr ? nullptr : tree(*old_id, Side::older);
    walk(old_tree.get(), new_tree.get());
    m_handed_over = std::move(m_to_hand_over);
    m_to_hand_over.clear();
    return m_changes;
  }

private:
  static bool is_folder(const git_tree_entry* entry) {
    return entry != nullptr && git_tree_entry_type(entry) == GIT_OBJECT_TREE;
  }
  // Regular files and links; submodules (commit entries) are neither.
  static bool is_file(const git_tree_entry* entry) {
    return entry != nullptr && git_tree_entry_type(entry) == GIT_OBJECT_BLOB;
  }
  static bool same(const git_tree_entry* a, const git_tree_entry* b) {
    return git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
           git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) != 0;
  }

  // Both trees list their entries in git's order, so one merge pass pairs them; a
  // name lookup per entry was most of the walk at 1,500 reviews per folder. A name
  // that is a file on one side and a folder on the other comes as two entries (git
  // orders a folder as "name/"): a deletion and an addition, as git reports it.
  void walk(const git_tree* old_tree, const git_tree* new_tree) {
    const std::size_t length = m_path.size();
    const std::size_t old_count = old_tree == nullptr ? 0 : git_tree_entrycount(old_tree);
    const std::size_t new_count = new_tree == nullptr ? 0 : git_tree_entrycount(new_tree);
    std::size_t old_index = 0;
    std::size_t new_index = 0;
    while (old_index < old_count || new_index < new_count) {
      const git_tree_entry* before =
          old_index < old_count ? git_tree_entry_byindex(old_tree, old_index) : nullptr;
      const git_tree_entry* after =
          new_index < new_count ? git_tree_entry_byindex(new_tree, new_index) : nullptr;
      const int order = before == nullptr  ? 1
                        : after == nullptr ? -1
                                           : git_tree_entry_cmp(before, after);
      if (order < 0) {
        after = nullptr;
        ++old_index;
      } else if (order > 0) {
        before = nullptr;
        ++new_index;
      } else {
        ++old_index;
        ++new_index;
        if (same(before, after)) continue;
      }
      m_path.append(git_tree_entry_name(before != nullptr ? before : after));
      visit(before, after);
      m_path.resize(length);
    }
  }

  // One name (m_path) whose entry differs between the sides; either may be null.
  void visit(const git_tree_entry* before, const git_tree_entry* after) {
    if ((is_folder(before) || is_folder(after)) && m_wanted.wants_folder(m_path)) {
      const TreePtr old_folder =
          is_folder(before) ? tree(*git_tree_entry_id(before), Side::older) : nullptr;
      const TreePtr new_folder =
          is_folder(after) ? tree(*git_tree_entry_id(after), Side::newer) : nullptr;
      m_path.push_back('/');
      walk(old_folder.get(), new_folder.get());
      m_path.pop_back();
    }
    if (!is_file(before) && !is_file(after)) return;
    if (m_wanted.wants_file(m_path)) m_changes.push_back({m_path, !is_file(after)});
  }

  enum class Side { older, newer };

  // A tree read once for two steps: the older side's trees are kept (a reference
  // each) for the next step, whose newer side they are. A year folder of 1,500
  // reviews is read and parsed once per commit instead of twice.
  TreePtr tree(const git_oid& id, Side side) {
    const std::string key(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
    TreePtr found;
    if (side == Side::newer) {
      if (auto kept = m_handed_over.find(key); kept != m_handed_over.end())
        found = std::move(kept->second);
    }
    if (!found) {
      git_tree* raw = nullptr;
      if (git_tree_lookup(&raw, m_repo, &id) < 0)
        fail(m_path.empty() ? "cannot read the tree " + to_hex(id)
                            : "cannot read the folder '" + m_path + "'");
      found.reset(raw);
    }
    git_tree* copy = nullptr;
    if (side == Side::older && git_tree_dup(&copy, found.get()) == 0)
      m_to_hand_over.emplace(key, TreePtr(copy));
    return found;
  }

  git_repository* m_repo;
  const WantedFiles& m_wanted;
  std::string m_path;                                      // of the entry being compared
  std::unordered_map<std::string, TreePtr> m_handed_over;  // by raw id: this step's newer side
  std::unordered_map<std::string, TreePtr> m_to_hand_over; // this step's older side
  std::vector<PathChange> m_changes;
};

// The branch name to suggest fetching for `base` ("origin/main" → "main"), or "main"
// when `base` is a revision expression or a commit id rather than a branch.
std::string branch_to_fetch(const std::string& base) {
  std::string_view name = base;
  for (std::string_view prefix : {"refs/remotes/origin/", "refs/heads/", "origin/"}) {
    if (starts_with(name, prefix)) {
      name.remove_prefix(prefix.size());
      break;
    }
  }
  const bool hex =
      name.size() >= 7 && name.find_first_not_of("0123456789abcdef") == std::string_view::npos;
  const std::string full = "refs/heads/" + std::string(name);
  int valid = 0;
  if (name.empty() || hex || name == "HEAD" ||
      git_reference_name_is_valid(&valid, full.c_str()) < 0 || valid == 0)
    return "main";
  return std::string(name);
}

struct TreeBlob {
  std::string path;
  git_oid id;
};

// git_tree_walk callback: records the regular files (not links or submodules).
int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  auto* blobs = static_cast<std::vector<TreeBlob>*>(payload);
  const git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;
  try {
    blobs->push_back({std::string(root) + git_tree_entry_name(entry), *git_tree_entry_id(entry)});
  } catch (...) { // never unwind through libgit2
    return -1;
  }
  return 0;
}

// Per-path state while walking from HEAD backwards (newest commit first).
struct HistoryAccumulator {
  FileHistory history;
  std::vector<std::string> authors_newest_first;
  bool seen = false;
  bool closed = false; // a deletion was crossed: older commits are an earlier file
};

} // namespace

// The files staged differently from a commit's tree, found the way git's cache-tree
// finds them: each index folder's tree id is computed from its entries (hashing, no
// object read) and a folder whose id equals the commit's is skipped unread.
// git_diff_tree_to_index reads every tree of the commit instead, which was a fifth of
// `lint --changed` at 10,000 reviews.
class IndexTreeComparer {
public:
  IndexTreeComparer(git_repository* repo, git_index* index) : m_repo(repo) {
    const std::size_t count = git_index_entrycount(index);
    m_entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) m_entries.push_back(git_index_get_byindex(index, i));
  }

  // False, collecting nothing, when the index holds what this comparison does not
  // model (a merge conflict, an intent-to-add entry): libgit2's diff then answers.
  bool supported() const {
    return std::all_of(m_entries.begin(), m_entries.end(), [](const git_index_entry* entry) {
      return GIT_INDEX_ENTRY_STAGE(entry) == 0 &&
             (entry->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) == 0;
    });
  }

  // Adds to `out` the paths added or modified in the index relative to `tree`
  // (null: the empty tree). Throws Error when a tree cannot be read.
  void collect(const git_tree* tree, std::set<std::string>& out) {
    compare(tree, 0, m_entries.size(), 0, out);
  }

private:
  // Index entries [begin, end) all lie under the same folder, whose path with its
  // slash is the first `prefix` bytes of each. An item is a file of that folder or
  // one of its subfolders (a run of entries); index order is git's tree order.
  struct Item {
    std::string_view name;
    bool folder = false;
    std::size_t begin = 0;
    std::size_t end = 0;
  };

  std::string_view path_of(std::size_t index) const { return m_entries[index]->path; }

  Item item_at(std::size_t begin, std::size_t end, std::size_t prefix) const {
    const std::string_view rest = path_of(begin).substr(prefix);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return {rest, false, begin, begin + 1};
    const std::string_view folder = path_of(begin).substr(0, prefix + slash + 1);
    std::size_t last = begin + 1;
    while (last < end && path_of(last).starts_with(folder)) ++last;
    return {rest.substr(0, slash), true, begin, last};
  }

  // The tree id git would write for the folder holding entries [begin, end).
  git_oid folder_id(std::size_t begin, std::size_t end, std::size_t prefix) const {
    std::string content;
    for (std::size_t at = begin; at < end;) {
      const Item item = item_at(at, end, prefix);
      git_oid id;
      unsigned mode = 0;
      if (item.folder) {
        id = folder_id(item.begin, item.end, prefix + item.name.size() + 1);
        mode = GIT_FILEMODE_TREE;
      } else {
        id = m_entries[at]->id;
        mode = m_entries[at]->mode;
      }
      std::array<char, 8> octal{}; // git writes modes in octal: 100644, 40000
      const auto written = std::to_chars(octal.data(), octal.data() + octal.size(), mode, 8);
      content.append(octal.data(), written.ptr);
      content += ' ';
      content += item.name;
      content += '\0';
      content.append(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
      at = item.end;
    }
    git_oid id;
    if (git_odb_hash(&id, content.data(), content.size(), GIT_OBJECT_TREE) < 0)
      fail("cannot hash a folder of the index");
    return id;
  }

  // git's order: a folder's name compares as if it ended in '/'.
  static int order(std::string_view a, bool a_folder, std::string_view b, bool b_folder) {
    const std::size_t common = std::min(a.size(), b.size());
    if (const int c = a.substr(0, common).compare(b.substr(0, common)); c != 0) return c;
    const auto next = [common](std::string_view name, bool folder) -> int {
      if (common < name.size()) return static_cast<unsigned char>(name[common]);
      return folder ? '/' : -1;
    };
    return next(a, a_folder) - next(b, b_folder);
  }

  void add_all(std::size_t begin, std::size_t end, std::set<std::string>& out) const {
    for (std::size_t at = begin; at < end; ++at) out.emplace(path_of(at));
  }

  void compare(const git_tree* tree, std::size_t begin, std::size_t end, std::size_t prefix,
               std::set<std::string>& out) {
    const std::size_t tree_count = tree == nullptr ? 0 : git_tree_entrycount(tree);
    std::size_t tree_index = 0;
    for (std::size_t at = begin; at < end;) {
      const Item item = item_at(at, end, prefix);
      at = item.end;
      const git_tree_entry* match = nullptr;
      while (tree_index < tree_count) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, tree_index);
        const int c = order(git_tree_entry_name(entry),
                            git_tree_entry_type(entry) == GIT_OBJECT_TREE, item.name, item.folder);
        if (c > 0) break;
        ++tree_index; // entries only in the tree are deletions: nothing to lint
        if (c == 0) {
          match = entry;
          break;
        }
      }
      if (!item.folder) {
        const git_index_entry* entry = m_entries[item.begin];
        if (match == nullptr || git_tree_entry_filemode(match) != entry->mode ||
            git_oid_equal(git_tree_entry_id(match), &entry->id) == 0)
          out.emplace(entry->path);
        continue;
      }
      if (match == nullptr) {
        add_all(item.begin, item.end, out);
        continue;
      }
      const std::size_t inner = prefix + item.name.size() + 1;
      const git_oid id = folder_id(item.begin, item.end, inner);
      if (git_oid_equal(&id, git_tree_entry_id(match)) != 0) continue;
      git_tree* raw = nullptr;
      if (git_tree_lookup(&raw, m_repo, git_tree_entry_id(match)) < 0)
        fail("cannot read the folder '" + std::string(path_of(item.begin).substr(0, inner)) +
             "' of the commit compared with; `git fsck` lists what the repository is missing");
      const TreePtr folder(raw);
      compare(folder.get(), item.begin, item.end, inner, out);
    }
  }

  git_repository* m_repo;
  std::vector<const git_index_entry*> m_entries; // in the index's (path) order
};

struct GitRepo::Impl {
  RepositoryPtr repo;

  // The commit behind an object already peeled to one (a cached lookup, no cast).
  [[nodiscard]] CommitPtr commit_of(const ObjectPtr& object) const {
    git_commit* commit = nullptr;
    if (git_commit_lookup(&commit, repo.get(), git_object_id(object.get())) < 0) return nullptr;
    return CommitPtr(commit);
  }

  // HEAD's commit, or null when HEAD is unborn (or points to a missing object).
  [[nodiscard]] CommitPtr head_commit() const {
    git_reference* head = nullptr;
    if (git_repository_head(&head, repo.get()) < 0) return nullptr;
    const ReferencePtr head_ref(head);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, head_ref.get(), GIT_OBJECT_COMMIT) < 0) return nullptr;
    return commit_of(ObjectPtr(peeled));
  }

  // The commit a revision expression names, or null.
  [[nodiscard]] CommitPtr find_commit(const std::string& revision) const {
    git_object* object = nullptr;
    if (git_revparse_single(&object, repo.get(), revision.c_str()) < 0) return nullptr;
    const ObjectPtr owned(object);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, owned.get(), GIT_OBJECT_COMMIT) < 0) return nullptr;
    return commit_of(ObjectPtr(peeled));
  }

  [[nodiscard]] bool is_bare() const { return git_repository_is_bare(repo.get()) == 1; }

  // Added or modified between `tree` (null: the empty tree) and the working tree,
  // staged, unstaged and untracked files included. A bare repository has no working tree.
  void collect_worktree_changes(git_tree* tree, std::set<std::string>& out) const {
    if (is_bare()) return;
    git_diff_options options;
    check(git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION), "cannot set up a diff");
    options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
    git_index* raw_index = nullptr;
    check(git_repository_index(&raw_index, repo.get()), "cannot read the index");
    const IndexPtr index(raw_index);
    check(git_index_read(index.get(), 0), "cannot read the index"); // changed since opened
    IndexTreeComparer staged(repo.get(), index.get());
    git_diff* diff = nullptr;
    if (staged.supported()) {
      staged.collect(tree, out);
      check(git_diff_index_to_workdir(&diff, repo.get(), index.get(), &options),
            "cannot compare the working tree with the index");
    } else {
      check(git_diff_tree_to_workdir_with_index(&diff, repo.get(), tree, &options),
            "cannot compare the working tree with the index and commits");
    }
    const DiffPtr owned(diff);
    collect_added_or_modified(owned.get(), out);
  }

  void collect_tree_changes(git_tree* old_tree, git_tree* new_tree,
                            std::set<std::string>& out) const {
    git_diff* diff = nullptr;
    check(git_diff_tree_to_tree(&diff, repo.get(), old_tree, new_tree, nullptr),
          "cannot compare two commits");
    const DiffPtr owned(diff);
    collect_added_or_modified(owned.get(), out);
  }
};

GitRepo::GitRepo(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
GitRepo::GitRepo(GitRepo&&) noexcept = default;
GitRepo& GitRepo::operator=(GitRepo&&) noexcept = default;
GitRepo::~GitRepo() = default;

std::optional<GitRepo> GitRepo::discover(const std::filesystem::path& start) {
  ensure_libgit2();
  std::error_code ignored;
  std::filesystem::path folder = std::filesystem::absolute(start, ignored);
  if (folder.empty()) folder = start;
  if (std::filesystem::exists(folder, ignored) && !std::filesystem::is_directory(folder, ignored))
    folder = folder.parent_path();
  git_repository* repo = nullptr;
  const int code = git_repository_open_ext(&repo, folder.c_str(), 0, nullptr);
  if (code == GIT_ENOTFOUND) return std::nullopt;
  if (code == GIT_EOWNER) // common in CI containers, where the checkout has another owner
    throw Error("cannot open the git repository containing '" + folder.string() +
                "': " + last_error_message() +
                "; if you trust it, run `git config --global --add safe.directory` with "
                "that path");
  if (code < 0) fail("cannot open the git repository containing '" + folder.string() + "'");
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(repo);
  return GitRepo(std::move(impl));
}

GitRepo GitRepo::init(const std::filesystem::path& path) {
  ensure_libgit2();
  git_repository_init_options options;
  check(git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION),
        "cannot set up git init");
  options.flags = GIT_REPOSITORY_INIT_MKPATH;
  options.initial_head = "main";
  git_repository* repo = nullptr;
  if (git_repository_init_ext(&repo, path.c_str(), &options) < 0)
    fail("cannot create a git repository at '" + path.string() + "'");
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(repo);
  return GitRepo(std::move(impl));
}

std::filesystem::path GitRepo::workdir() const {
  const char* workdir = git_repository_workdir(m_impl->repo.get());
  if (workdir == nullptr) return {};
  std::string text = workdir;
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::filesystem::path GitRepo::common_dir() const {
  std::string text = git_repository_commondir(m_impl->repo.get());
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool GitRepo::has_commits() const {
  return m_impl->head_commit() != nullptr;
}

bool GitRepo::is_head_detached() const {
  return git_repository_head_detached(m_impl->repo.get()) == 1;
}

bool GitRepo::is_shallow() const {
  return git_repository_is_shallow(m_impl->repo.get()) == 1;
}

std::optional<std::string> GitRepo::current_branch() const {
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, m_impl->repo.get(), "HEAD") < 0) return std::nullopt;
  const ReferencePtr owned(head);
  if (git_reference_type(owned.get()) != GIT_REFERENCE_SYMBOLIC) return std::nullopt;
  const std::string_view target = git_reference_symbolic_target(owned.get());
  constexpr std::string_view k_heads = "refs/heads/";
  if (!starts_with(target, k_heads)) return std::nullopt;
  return std::string(target.substr(k_heads.size()));
}

std::optional<std::string> GitRepo::config_string(const std::string& key) const {
  git_config* snapshot = nullptr;
  check(git_repository_config_snapshot(&snapshot, m_impl->repo.get()),
        "cannot read the git configuration");
  const ConfigPtr config(snapshot);
  const char* value = nullptr;
  const int code = git_config_get_string(&value, config.get(), key.c_str());
  if (code == GIT_ENOTFOUND) return std::nullopt;
  if (code < 0) fail("cannot read '" + key + "' from the git configuration");
  return std::string(value);
}

std::optional<std::string> GitRepo::resolve(const std::string& revision) const {
  const CommitPtr commit = m_impl->find_commit(revision);
  if (!commit) return std::nullopt;
  return to_hex(*git_commit_id(commit.get()));
}

std::optional<std::string> GitRepo::merge_base(const std::string& a, const std::string& b) const {
  const CommitPtr first = m_impl->find_commit(a);
  const CommitPtr second = m_impl->find_commit(b);
  if (!first || !second) return std::nullopt;
  git_oid base;
  if (git_merge_base(&base, m_impl->repo.get(), git_commit_id(first.get()),
                     git_commit_id(second.get())) < 0)
    return std::nullopt;
  return to_hex(base);
}

std::optional<std::string> GitRepo::default_branch() const {
  git_repository* repo = m_impl->repo.get();
  git_reference* origin_head = nullptr;
  if (git_reference_lookup(&origin_head, repo, "refs/remotes/origin/HEAD") == 0) {
    const ReferencePtr owned(origin_head);
    if (git_reference_type(owned.get()) == GIT_REFERENCE_SYMBOLIC) {
      const std::string_view target = git_reference_symbolic_target(owned.get());
      constexpr std::string_view k_remotes = "refs/remotes/";
      if (starts_with(target, k_remotes)) return std::string(target.substr(k_remotes.size()));
    }
  }
  for (const git_branch_t type : {GIT_BRANCH_LOCAL, GIT_BRANCH_REMOTE}) {
    for (const char* name : {"main", "master"}) {
      const std::string full = type == GIT_BRANCH_LOCAL ? name : std::string("origin/") + name;
      git_reference* branch = nullptr;
      if (git_branch_lookup(&branch, repo, full.c_str(), type) == 0) {
        git_reference_free(branch);
        return full;
      }
    }
  }
  return std::nullopt;
}

bool GitRepo::branch_exists(const std::string& name) const {
  git_reference* branch = nullptr;
  if (git_branch_lookup(&branch, m_impl->repo.get(), name.c_str(), GIT_BRANCH_LOCAL) < 0)
    return false;
  git_reference_free(branch);
  return true;
}

void GitRepo::create_branch_and_checkout(const std::string& name) {
  const CommitPtr head = m_impl->head_commit();
  if (!head)
    throw Error("cannot create branch '" + name +
                "': the repository has no commits yet; commit once first");
  if (branch_exists(name))
    throw Error("branch '" + name + "' already exists; switch to it with `git switch " + name +
                "` or pick another name");
  const std::string full = "refs/heads/" + name;
  int valid = 0;
  if (git_reference_name_is_valid(&valid, full.c_str()) < 0 || valid == 0)
    throw Error("'" + name + "' is not a valid branch name");
  git_reference* branch = nullptr;
  if (git_branch_create(&branch, m_impl->repo.get(), name.c_str(), head.get(), 0) < 0)
    fail("cannot create branch '" + name + "'");
  const ReferencePtr owned(branch);
  if (git_repository_set_head(m_impl->repo.get(), full.c_str()) < 0)
    fail("cannot switch to branch '" + name + "'");
}

std::vector<std::string> GitRepo::dirty_paths() const {
  if (m_impl->is_bare()) return {};
  git_status_options options;
  check(git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION), "cannot set up git status");
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  git_status_list* list = nullptr;
  check(git_status_list_new(&list, m_impl->repo.get(), &options),
        "cannot read the status of the working tree");
  const StatusListPtr owned(list);
  std::set<std::string> paths;
  const std::size_t count = git_status_list_entrycount(owned.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(owned.get(), i);
    if (entry == nullptr || entry->status == GIT_STATUS_CURRENT) continue;
    if ((entry->status & GIT_STATUS_IGNORED) != 0) continue;
    const git_diff_delta* delta =
        entry->index_to_workdir != nullptr ? entry->index_to_workdir : entry->head_to_index;
    if (delta != nullptr) paths.insert(delta_path(*delta));
  }
  return {paths.begin(), paths.end()};
}

namespace {

// One commit of the first-parent chain.
struct ChainCommit {
  git_oid id{};
  git_oid tree{};
  std::optional<git_oid> parent_tree; // none for a root commit
  std::int64_t time = 0;
  std::string author;
};

struct ChainChanges {
  std::vector<std::vector<PathChange>> per_commit;
  std::size_t compared = 0; // commits [0, compared) were read; the next one could not be
};

// The requested files each commit of `chain` (newest first) changed. Long chains are
// cut into one run per core, each compared with its own repository handle (libgit2's
// handles are not to be shared between threads) and its own tree handover: the walk
// was a fifth of a build after one change, on one core.
ChainChanges compare_chain(git_repository* repo, std::span<const ChainCommit> chain,
                           const WantedFiles& wanted) {
  ChainChanges result;
  result.per_commit.resize(chain.size());
  std::atomic<std::size_t> first_unread{chain.size()};
  const auto compare_run = [&](git_repository* handle, std::size_t begin, std::size_t end) {
    TreeComparer comparer(handle, wanted);
    for (std::size_t i = begin; i < end; ++i) {
      try {
        const auto& commit = chain[i];
        result.per_commit[i] =
            comparer.compare(commit.parent_tree ? &*commit.parent_tree : nullptr, &commit.tree);
      } catch (const Error&) { // missing objects: history stops at the newest such commit
        std::size_t seen = first_unread.load();
        while (i < seen && !first_unread.compare_exchange_weak(seen, i)) {
        }
        return;
      }
    }
  };

  constexpr std::size_t k_commits_per_run = 256; // below that, a thread costs more than it gives
  const bool threaded = (git_libgit2_features() & GIT_FEATURE_THREADS) != 0;
  const std::size_t runs =
      threaded ? std::clamp<std::size_t>(chain.size() / k_commits_per_run, 1,
                                         std::max(1U, std::thread::hardware_concurrency()))
               : 1;
  const std::size_t per_run = (chain.size() + runs - 1) / runs;
  std::vector<char> run_skipped(runs, 0); // a run whose thread could not open the repository
  {
    std::vector<std::jthread> pool;
    for (std::size_t run = 1; run < runs; ++run) {
      pool.emplace_back([&, run] {
        git_repository* own = nullptr;
        if (git_repository_open_bare(&own, git_repository_commondir(repo)) < 0) {
          run_skipped[run] = 1;
          return;
        }
        const RepositoryPtr owned(own);
        compare_run(own, run * per_run, std::min(chain.size(), (run + 1) * per_run));
      });
    }
    compare_run(repo, 0, std::min(chain.size(), per_run));
  }
  for (std::size_t run = 1; run < runs; ++run) {
    if (run_skipped[run] != 0)
      compare_run(repo, run * per_run, std::min(chain.size(), (run + 1) * per_run));
  }
  result.compared = first_unread.load();
  return result;
}

} // namespace

std::filesystem::path GitRepo::cache_folder() const {
  const char* setting = std::getenv("REVIEW_CACHE");
  if (setting != nullptr && std::string_view(setting) == "off") return {};
  return common_dir() / "review-cache";
}

std::map<std::string, FileHistory> GitRepo::history(std::span<const std::string> paths,
                                                    std::string* warning,
                                                    const HistoryCache& cache) const {
  bool warned = false;
  const auto warn = [&](const std::string& text) {
    if (warning != nullptr && !warned) *warning = text;
    warned = true;
  };
  if (paths.empty()) return {};
  const CommitPtr head = m_impl->head_commit();
  if (!head) {
    warn("the repository has no commits yet, so review history (created, updated, authors) is "
         "empty; commit the reviews to record it");
    return {};
  }
  if (is_shallow())
    warn("this is a shallow clone, so review history (created, updated, authors) is "
         "incomplete; fetch the full history with `git fetch --unshallow` (or `fetch-depth: 0` "
         "in actions/checkout)");

  // A shallow clone's history is cut short, so it is neither kept nor trusted.
  const bool cached = !cache.file.empty() && !is_shallow() &&
                      std::all_of(paths.begin(), paths.end(), [&](const std::string& path) {
                        return path.starts_with(cache.folder);
                      });
  std::optional<HistorySnapshot> kept;
  git_oid kept_tip{};
  if (cached) {
    kept = read_history_snapshot(cache.file, cache.folder);
    if (kept && git_oid_fromstr(&kept_tip, kept->tip.c_str()) < 0) kept.reset();
  }

  git_repository* repo = m_impl->repo.get();
  git_revwalk* raw_walk = nullptr;
  check(git_revwalk_new(&raw_walk, repo), "cannot walk the history");
  const RevwalkPtr walk(raw_walk);
  // First-parent history is a chain, so the unsorted walk is already in topological
  // order, newest first. A sorted walk (GIT_SORT_TOPOLOGICAL or _TIME) would load the
  // whole graph up front, which libgit2 1.5 cannot do past a shallow boundary: it
  // would fail before yielding a single commit.
  check(git_revwalk_sorting(walk.get(), GIT_SORT_NONE), "cannot walk the history");
  check(git_revwalk_simplify_first_parent(walk.get()), "cannot walk the history");
  check(git_revwalk_push(walk.get(), git_commit_id(head.get())), "cannot walk the history");

  bool complete = true;
  const auto incomplete = [&] {
    complete = false;
    warn("review history (created, updated, authors) is incomplete: git could not read every "
         "commit (" +
         last_error_message() + ")");
  };
  // The chain first (reading commits is cheap), then the files each commit changed.
  // It ends early at the commit the kept snapshot was walked from.
  std::vector<ChainCommit> chain;
  bool reached_kept_tip = false;
  git_oid id;
  while (true) {
    const int next = git_revwalk_next(&id, walk.get());
    if (next == GIT_ITEROVER) break;
    if (next < 0) { // a shallow boundary or missing objects: keep what was walked
      incomplete();
      break;
    }
    if (kept && git_oid_equal(&id, &kept_tip) != 0) {
      reached_kept_tip = true;
      break;
    }
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo, &id) < 0) {
      incomplete();
      break;
    }
    const CommitPtr commit(raw_commit);
    ChainCommit link;
    link.id = id;
    link.tree = *git_commit_tree_id(commit.get());
    try {
      if (const CommitPtr parent = first_parent(commit.get()))
        link.parent_tree = *git_commit_tree_id(parent.get());
    } catch (const Error&) { // the parent lies beyond a shallow boundary, or is missing
      if (!is_shallow()) incomplete();
      break;
    }
    link.time = git_commit_time(commit.get());
    const git_signature* author = git_commit_author(commit.get());
    if (author != nullptr && author->name != nullptr) link.author = author->name;
    chain.push_back(std::move(link));
  }
  // A rebase, a force-push or another branch: the snapshot's tip is not in HEAD's chain.
  if (!reached_kept_tip) kept.reset();

  const WantedFiles wanted = cached ? WantedFiles(cache.folder) : WantedFiles(paths);
  const ChainChanges changes = compare_chain(repo, chain, wanted);
  if (changes.compared < chain.size() && !is_shallow()) incomplete();
  // Past a gap, the snapshot would be joined to the wrong commits.
  if (!complete) kept.reset();

  std::unordered_map<std::string, HistoryAccumulator> found;
  for (std::size_t i = 0; i < changes.compared; ++i) {
    const ChainCommit& commit = chain[i];
    for (const PathChange& change : changes.per_commit[i]) {
      HistoryAccumulator& entry = found[change.path];
      if (entry.closed) continue;
      if (change.deleted) {
        entry.closed = true;
        continue;
      }
      if (!entry.seen) {
        entry.seen = true;
        entry.history.updated = commit.time;
        entry.history.last_commit = to_hex(commit.id);
      }
      entry.history.created = commit.time;
      entry.history.first_commit = to_hex(commit.id);
      ++entry.history.revisions;
      if (entry.authors_newest_first.empty() || entry.authors_newest_first.back() != commit.author)
        entry.authors_newest_first.push_back(commit.author);
    }
  }

  // The commits walked now go in front of the kept snapshot's.
  HistorySnapshot snapshot = kept ? std::move(*kept) : HistorySnapshot{};
  for (auto& [path, entry] : found) {
    if (!entry.seen) { // deleted in the newest commits walked
      snapshot.files.erase(path);
      continue;
    }
    FileHistory newer = std::move(entry.history);
    std::vector<std::string>& authors = entry.authors_newest_first;
    std::reverse(authors.begin(), authors.end());
    std::unordered_set<std::string_view> listed;
    for (const std::string& author : authors)
      if (listed.insert(author).second) newer.authors.push_back(author);
    const auto older = snapshot.files.find(path);
    if (entry.closed || older == snapshot.files.end())
      snapshot.files.insert_or_assign(path, std::move(newer));
    else
      older->second = join_history(std::move(older->second), newer);
  }
  const bool snapshot_current = reached_kept_tip && chain.empty();
  if (cached && complete && !snapshot_current) {
    snapshot.tip = to_hex(*git_commit_id(head.get()));
    write_history_snapshot(cache.file, cache.folder, snapshot);
  }

  std::map<std::string, FileHistory> result;
  for (const std::string& path : paths) {
    const auto history = snapshot.files.find(path);
    if (history != snapshot.files.end()) result.try_emplace(path, std::move(history->second));
  }
  return result;
}

std::string GitRepo::comparison_base(const std::string& requested, std::string& note) const {
  if (!requested.empty()) {
    // A shallow clone may lack the base; changed_since then says what to fetch.
    if (!is_shallow() && has_commits() && !resolve(requested))
      throw Error("--base '" + requested + "' is not a branch, tag or commit of this repository");
    return requested;
  }
  if (auto branch = default_branch()) return *branch;
  note = "no main or master branch was found, so only uncommitted changes are compared; name "
         "the branch to compare with: --base BRANCH";
  return "HEAD";
}

ChangedFiles GitRepo::changed_since(const std::string& base) const {
  ChangedFiles changed;
  std::set<std::string> paths;
  const CommitPtr head = m_impl->head_commit();
  if (!head) {
    m_impl->collect_worktree_changes(nullptr, paths);
    changed.paths.assign(paths.begin(), paths.end());
    return changed;
  }
  if (CommitPtr base_commit = m_impl->find_commit(base)) {
    git_oid fork_point;
    if (git_merge_base(&fork_point, m_impl->repo.get(), git_commit_id(base_commit.get()),
                       git_commit_id(head.get())) == 0) {
      git_commit* fork = nullptr;
      if (git_commit_lookup(&fork, m_impl->repo.get(), &fork_point) == 0) base_commit.reset(fork);
    }
    const TreePtr base_tree = tree_of(base_commit.get());
    if (m_impl->is_bare())
      m_impl->collect_tree_changes(base_tree.get(), tree_of(head.get()).get(), paths);
    else
      m_impl->collect_worktree_changes(base_tree.get(), paths);
    changed.base = to_hex(*git_commit_id(base_commit.get()));
    changed.paths.assign(paths.begin(), paths.end());
    return changed;
  }

  // The base is not here: lint the last commit and the working tree instead.
  const std::string branch = branch_to_fetch(base);
  changed.warning = "the base '" + base +
                    "' is not in this clone (a shallow clone fetches only the last commit); "
                    "linting the files changed in the last commit and the working tree instead. "
                    "To compare with '" +
                    base +
                    "', fetch it: set `fetch-depth: 0` on actions/checkout, or run `git fetch "
                    "--depth=1 origin +refs/heads/" +
                    branch + ":refs/remotes/origin/" + branch + "`";
  const TreePtr head_tree = tree_of(head.get());
  CommitPtr parent;
  try {
    parent = first_parent(head.get());
  } catch (const Error&) { // beyond a shallow boundary: every file of HEAD counts
  }
  TreePtr parent_tree;
  if (parent) parent_tree = tree_of(parent.get());
  m_impl->collect_tree_changes(parent_tree.get(), head_tree.get(), paths);
  m_impl->collect_worktree_changes(head_tree.get(), paths);
  if (parent) changed.base = to_hex(*git_commit_id(parent.get()));
  changed.paths.assign(paths.begin(), paths.end());
  return changed;
}

std::map<std::string, std::string> GitRepo::read_tree(const std::string& revision,
                                                      const std::string& subdir) const {
  const CommitPtr commit = m_impl->find_commit(revision);
  if (!commit) throw Error("cannot read '" + revision + "': no such commit in this repository");
  TreePtr tree = tree_of(commit.get());
  std::string prefix;
  if (!subdir.empty()) {
    prefix = subdir;
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree.get(), prefix.c_str()) < 0) return {};
    const TreeEntryPtr entry(raw_entry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) return {};
    git_tree* subtree = nullptr;
    if (git_tree_lookup(&subtree, m_impl->repo.get(), git_tree_entry_id(entry.get())) < 0)
      fail("cannot read '" + prefix + "' at '" + revision + "'");
    tree.reset(subtree);
    prefix += '/';
  }
  std::vector<TreeBlob> blobs;
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_blob, &blobs) < 0)
    fail("cannot list the files of '" + revision + "'");
  std::map<std::string, std::string> files;
  for (const TreeBlob& file : blobs) {
    git_blob* raw_blob = nullptr;
    if (git_blob_lookup(&raw_blob, m_impl->repo.get(), &file.id) < 0)
      fail("cannot read '" + prefix + file.path + "' at '" + revision + "'");
    const BlobPtr blob(raw_blob);
    files.emplace(prefix + file.path,
                  std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                              static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
  }
  return files;
}

std::optional<std::string> GitRepo::read_file_at(const std::string& revision,
                                                 const std::string& path) const {
  const CommitPtr commit = m_impl->find_commit(revision);
  if (!commit) return std::nullopt;
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit.get()) < 0) return std::nullopt;
  const TreePtr tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) < 0) return std::nullopt;
  const TreeEntryPtr entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, m_impl->repo.get(), git_tree_entry_id(entry.get())) < 0)
    return std::nullopt;
  const BlobPtr blob(raw_blob);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

} // namespace review::core
