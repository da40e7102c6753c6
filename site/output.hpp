// Where a build writes: a staging folder beside the output, swapped into place only
// when every file is written, so a failed or killed build leaves the previous site.
#pragma once

#include "site/page_cache.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

namespace review::site {

// Marks a folder as a site `review build` wrote; only such folders (or empty ones)
// are ever replaced, so `--out reviews` cannot wipe anything else.
inline constexpr std::string_view k_site_marker = ".review-site";

// Part of a file being written: new bytes, or `length` bytes at `offset` of the
// previous site's file at the same path, copied by the kernel.
struct FilePart {
  std::string bytes;
  std::uint64_t offset = 0;
  std::uint64_t length = 0; // of the previous file's bytes; 0 for new bytes
};

// Writes files under a folder. Any thread may queue a file; one thread of its own
// creates them all, in the order queued. Two threads creating files in one folder
// wait on that folder's lock in the kernel: a fifth of a cold build's CPU went to
// spinning on it, time the page-rendering threads now keep (docs/performance.md).
class SiteOutput {
public:
  explicit SiteOutput(std::filesystem::path dir);
  ~SiteOutput();
  SiteOutput(const SiteOutput&) = delete;
  SiteOutput& operator=(const SiteOutput&) = delete;

  // `path` is relative, with forward slashes; parent folders are created. A file the
  // previous site holds with the same bytes is linked instead of written. Throws
  // Error when an earlier file could not be written; finish() reports the rest.
  void write(std::string_view path, std::string content);
  // Queues a link to the previous site's file at `path`, for a file known to be
  // unchanged without being made again. False, and nothing queued, when the previous
  // site has no such file or it is not as `expected` (edited since).
  bool reuse(std::string_view path, const FileStamp& expected);
  // Whether the previous site has a file at `path` as `expected`.
  bool previous_is(std::string_view path, const FileStamp& expected) const;
  // Queues a file made of `parts`; ranges of the previous site's file at `path` are
  // copied from it, which the caller checked with previous_is().
  void write_parts(std::string_view path, std::vector<FilePart> parts);
  // Every file's stamp as written or linked; complete once finish() returned.
  const FileStamps& stamps() const { return m_stamps; }
  // Waits until every queued file is on disk and gives the top folders, made under
  // made-up names until then, their own; throws Error for the first that failed.
  void finish();
  // Drops what is still queued and stops the writer: the build is being abandoned.
  void abandon();
  // The site being replaced, whose unchanged files are linked rather than rewritten.
  void reuse_from(std::filesystem::path previous);
  const std::filesystem::path& dir() const { return m_dir; }
  int pages() const { return m_pages.load(); } // .html files written
  int files() const { return m_files.load(); }

private:
  struct Pending {
    std::string path;
    std::string content;          // empty when linked
    bool linked = false;          // the previous site has the same bytes
    FileStamp stamp;              // of the previous site's file, when linked
    std::vector<FilePart> parts;  // when not empty, the file instead of `content`
    std::size_t queued_bytes = 0; // of `content` or of the new bytes in `parts`
  };
  void enqueue(Pending file);
  void write_queued();
  void write_now(const Pending& pending);
  void write_parts_now(const std::filesystem::path& file, const std::string& staged,
                       const Pending& pending);
  std::string staged_path(const std::string& path);
  bool same_as_previous(const std::string& path, std::string_view content, FileStamp& stamp) const;

  std::filesystem::path m_dir;
  std::filesystem::path m_previous; // empty: no previous site
  // The two folders, open: paths looked up from them cost the kernel one walk of
  // "reviews/x.html" rather than of the whole path, ten thousand times a build.
  int m_dir_fd = -1;
  int m_previous_fd = -1;
  std::atomic<int> m_pages{0};
  std::atomic<int> m_files{0};

  std::mutex m_mutex; // guards the members below
  // The writer waits for work; the rendering threads, and finish(), for room.
  std::condition_variable m_work;
  std::condition_variable m_room;
  std::deque<Pending> m_queue;
  std::size_t m_queued_bytes = 0;
  bool m_writing = false; // the writer holds a file taken from the queue
  bool m_stopping = false;
  std::exception_ptr m_failure;
  std::unordered_set<std::string> m_folders; // made so far; the writer's own
  // Each top folder's made-up name until finish() gives it its own (mark_top_of_tree
  // in output.cpp); the writer's own.
  std::map<std::string, std::string> m_top_folders;
  bool m_folders_named = false;
  FileStamps m_stamps;  // the writer's own until finish()
  std::thread m_writer; // last: starts once the members above exist
};

// A build in progress: creates ".<name>.tmp-<pid>" beside `out`, and on commit()
// renames `out` aside, the staging folder to `out`, and removes the old one. Without
// commit() (an exception, an early return) the staging folder is removed and `out`
// is untouched. Leftovers of killed builds are cleaned up (or restored) on the next.
//
// Removing a site of 10,000 pages took a fifth of a build after one change. With a
// `trash` folder (in .git/review-cache), the old site is moved there instead, and the
// next build removes what is in it on a thread of its own while it loads the
// reviews; the destructor waits for that thread.
class StagedBuild {
public:
  // Throws Error when `out` exists and is neither empty nor a site built by review.
  explicit StagedBuild(const std::filesystem::path& out,
                       std::filesystem::path trash = std::filesystem::path());
  ~StagedBuild();
  StagedBuild(const StagedBuild&) = delete;
  StagedBuild& operator=(const StagedBuild&) = delete;

  SiteOutput& output() { return m_output; }
  const std::filesystem::path& folder() const { return m_out; } // absolute
  void commit();

private:
  std::filesystem::path m_out;
  SiteOutput m_output;
  std::filesystem::path m_trash; // empty: the old site is removed at once
  bool m_committed = false;
  std::jthread m_emptying_trash; // last: it starts once the members above exist
};

} // namespace review::site
