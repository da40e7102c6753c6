// Where a build writes: a staging folder beside the output, swapped into place only
// when every file is written, so a failed or killed build leaves the previous site.
#pragma once

#include <atomic>
#include <filesystem>
#include <string_view>

namespace review::site {

// Marks a folder as a site `review build` wrote; only such folders (or empty ones)
// are ever replaced, so `--out reviews` cannot wipe anything else.
inline constexpr std::string_view k_site_marker = ".review-site";

// Writes files under a folder; safe to call from several threads.
class SiteOutput {
public:
  explicit SiteOutput(std::filesystem::path dir) : m_dir(std::move(dir)) {}
  // `path` is relative, with forward slashes; parent folders are created. Throws Error.
  // A file the previous site holds with the same bytes is linked instead of written.
  void write(std::string_view path, std::string_view content);
  // The site being replaced, whose unchanged files are linked rather than rewritten.
  void reuse_from(std::filesystem::path previous) { m_previous = std::move(previous); }
  const std::filesystem::path& dir() const { return m_dir; }
  int pages() const { return m_pages.load(); } // .html files written
  int files() const { return m_files.load(); }

private:
  bool link_unchanged(const std::filesystem::path& file, std::string_view path,
                      std::string_view content) const;

  std::filesystem::path m_dir;
  std::filesystem::path m_previous; // empty: no previous site
  std::atomic<int> m_pages{0};
  std::atomic<int> m_files{0};
};

// A build in progress: creates ".<name>.tmp-<pid>" beside `out`, and on commit()
// renames `out` aside, the staging folder to `out`, and removes the old one. Without
// commit() (an exception, an early return) the staging folder is removed and `out`
// is untouched. Leftovers of killed builds are cleaned up (or restored) on the next.
class StagedBuild {
public:
  // Throws Error when `out` exists and is neither empty nor a site built by review.
  explicit StagedBuild(std::filesystem::path out);
  ~StagedBuild();
  StagedBuild(const StagedBuild&) = delete;
  StagedBuild& operator=(const StagedBuild&) = delete;

  SiteOutput& output() { return m_output; }
  void commit();

private:
  std::filesystem::path m_out;
  SiteOutput m_output;
  bool m_committed = false;
};

} // namespace review::site
