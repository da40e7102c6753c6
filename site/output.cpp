#include "site/output.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

namespace review::site {
namespace {

namespace fs = std::filesystem;

std::string temp_name(const fs::path& out, std::string_view kind, long pid) {
  return fmt::format(".{}.{}-{}", out.filename().string(), kind, pid);
}

bool process_alive(long pid) {
  if (pid <= 0) return false;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
  // A killed build whose parent has not reaped it yet is a zombie: it still has a
  // pid, but it will never finish its build.
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string line;
  if (!std::getline(stat, line)) return true;
  const std::size_t paren = line.rfind(')');
  return paren == std::string::npos || line.substr(paren + 1, 3) != " Z ";
}

// Staging and set-aside folders of builds that were killed: removed, except that a
// previous site set aside just before a crash is put back when `out` is missing.
void clean_leftovers(const fs::path& out) {
  std::error_code ec;
  const fs::path parent = out.parent_path();
  const std::string prefix = fmt::format(".{}.", out.filename().string());
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    const bool is_tmp = rest.starts_with("tmp-");
    const bool is_old = rest.starts_with("old-");
    if (!is_tmp && !is_old) continue;
    long pid = 0;
    try {
      pid = std::stol(rest.substr(4));
    } catch (const std::exception&) {
      continue;
    }
    if (process_alive(pid)) continue;
    std::error_code ignored;
    if (is_old && !fs::exists(out, ignored))
      fs::rename(entry.path(), out, ignored);
    else
      fs::remove_all(entry.path(), ignored);
  }
}

void check_replaceable(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return;
  if (!fs::is_directory(out, ec)) {
    throw core::Error(
        fmt::format("{}: is a file, not a folder; choose another --out", out.string()));
  }
  if (fs::is_empty(out, ec) || fs::exists(out / k_site_marker, ec)) return;
  throw core::Error(fmt::format("{}: the folder exists and was not built by `review build` (it has "
                                "no {} file), so it was left alone; "
                                "choose another --out or remove the folder",
                                out.string(), k_site_marker));
}

fs::path output_folder(const fs::path& out) {
  fs::path folder = fs::absolute(out).lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();
  return folder;
}

// Cleans up after killed builds, checks `out` may be replaced, creates the staging folder.
fs::path prepare_staging(const fs::path& out) {
  std::error_code ec;
  fs::create_directories(out.parent_path(), ec);
  if (ec)
    throw core::Error(fmt::format("{}: could not create the folder: {}", out.parent_path().string(),
                                  ec.message()));
  clean_leftovers(out);
  check_replaceable(out);
  fs::path staging = out.parent_path() / temp_name(out, "tmp", static_cast<long>(::getpid()));
  fs::remove_all(staging, ec);
  if (!fs::create_directory(staging, ec) || ec) {
    throw core::Error(
        fmt::format("{}: could not create the build folder: {}", staging.string(), ec.message()));
  }
  return staging;
}

FileStamp stamp_of(const struct stat& info) {
  return {static_cast<std::int64_t>(info.st_size),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

// Rendering threads wait when this much is queued, so a fast renderer cannot hold
// the whole site in memory while the disk catches up.
constexpr std::size_t k_max_queued_bytes = std::size_t{4} << 20;

} // namespace

SiteOutput::SiteOutput(fs::path dir)
    : m_dir(std::move(dir)), m_writer([this] { write_queued(); }) {}

SiteOutput::~SiteOutput() {
  abandon();
}

void SiteOutput::write(std::string_view path, std::string content) {
  Pending file{std::string(path), std::move(content), false, {}};
  // Compared here, on the rendering threads; only the link is left to the writer.
  if (same_as_previous(file.path, file.content, file.stamp)) {
    file.linked = true;
    file.content = std::string();
  }
  enqueue(std::move(file));
}

bool SiteOutput::reuse(std::string_view path, const FileStamp& expected) {
  if (m_previous.empty()) return false;
  Pending file{std::string(path), std::string(), true, {}};
  struct stat info {};
  if (::stat((m_previous / fs::path(file.path)).c_str(), &info) != 0 || !S_ISREG(info.st_mode))
    return false;
  file.stamp = stamp_of(info);
  if (file.stamp != expected) return false;
  enqueue(std::move(file));
  return true;
}

void SiteOutput::enqueue(Pending file) {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] {
    return m_failure || m_stopping || m_queue.empty() || m_queued_bytes < k_max_queued_bytes;
  });
  if (m_failure) std::rethrow_exception(m_failure);
  if (m_stopping) throw core::Error(fmt::format("{}: the build was abandoned", m_dir.string()));
  m_queued_bytes += file.content.size();
  m_queue.push_back(std::move(file));
  lock.unlock();
  m_changed.notify_all();
}

void SiteOutput::finish() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return m_failure || (m_queue.empty() && !m_writing); });
  if (m_failure) std::rethrow_exception(m_failure);
}

void SiteOutput::abandon() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_queue.clear();
    m_queued_bytes = 0;
  }
  m_changed.notify_all();
  if (m_writer.joinable()) m_writer.join();
}

void SiteOutput::write_queued() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_changed.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
    if (m_stopping) return;
    Pending next = std::move(m_queue.front());
    m_queue.pop_front();
    m_writing = true;
    lock.unlock();
    std::exception_ptr failure;
    try {
      write_now(next);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    m_writing = false;
    m_queued_bytes -= next.content.size();
    if (failure && !m_failure) {
      // The build stops at the next write or at finish(); nothing after it is written.
      m_failure = failure;
      m_queued_bytes = 0;
      m_queue.clear();
    }
    m_changed.notify_all();
  }
}

// Linking costs no data written and no new inode, and a rebuild after one edit
// leaves most files as they were. The previous site is only renamed aside and
// removed after the new one is in place, so the link keeps the bytes alive.
bool SiteOutput::same_as_previous(const std::string& path, std::string_view content,
                                  FileStamp& stamp) const {
  if (m_previous.empty()) return false;
  const fs::path old = m_previous / fs::path(path);
  const int fd = ::open(old.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
              static_cast<std::size_t>(info.st_size) == content.size();
  std::string buffer(same ? std::min<std::size_t>(content.size(), 1 << 16) : 0, '\0');
  for (std::size_t done = 0; same && done < content.size();) {
    const ::ssize_t got = ::read(fd, buffer.data(), std::min(buffer.size(), content.size() - done));
    same = got > 0 &&
           std::memcmp(buffer.data(), content.data() + done, static_cast<std::size_t>(got)) == 0;
    if (got > 0) done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  stamp = stamp_of(info);
  return same;
}

void SiteOutput::write_now(const Pending& pending) {
  const fs::path file = m_dir / fs::path(pending.path);
  std::error_code ec;
  // Asked once per folder: ten thousand pages share a few folders.
  if (m_folders.insert(file.parent_path().native()).second)
    fs::create_directories(file.parent_path(), ec);
  // Never write through a link into the previous site, which must stay whole until
  // the swap: a path written twice replaces the first file, it does not write into it.
  if (!m_previous.empty()) ::unlink(file.c_str());
  if (pending.linked) {
    const fs::path old = m_previous / fs::path(pending.path);
    // Where links are refused (another file system mounted at the output), a copy.
    if (::link(old.c_str(), file.c_str()) == 0) {
      m_stamps[pending.path] = pending.stamp;
    } else if (!fs::copy_file(old, file, ec)) {
      throw core::Error(fmt::format("{}: could not copy from the previous site: {}", file.string(),
                                    ec.message()));
    }
  } else {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "wb"),
                                                           &std::fclose);
    if (!stream ||
        std::fwrite(pending.content.data(), 1, pending.content.size(), stream.get()) !=
            pending.content.size() ||
        std::fflush(stream.get()) != 0) {
      throw core::Error(
          fmt::format("{}: could not write: {}", file.string(), std::strerror(errno)));
    }
    struct stat info {};
    if (::fstat(::fileno(stream.get()), &info) == 0) m_stamps[pending.path] = stamp_of(info);
  }
  ++m_files;
  if (pending.path.ends_with(".html")) ++m_pages;
}

StagedBuild::StagedBuild(const fs::path& out)
    : m_out(output_folder(out)), m_output(prepare_staging(m_out)) {
  // prepare_staging checked that an existing `out` is a site review built.
  std::error_code ec;
  if (fs::exists(m_out / k_site_marker, ec)) m_output.reuse_from(m_out);
}

StagedBuild::~StagedBuild() {
  if (m_committed) return;
  m_output.abandon();
  std::error_code ignored;
  fs::remove_all(m_output.dir(), ignored);
}

void StagedBuild::commit() {
  m_output.write(k_site_marker,
                 "This folder was written by `review build`; the next build replaces it.\n");
  m_output.finish();
  std::error_code ec;
  const fs::path old = m_out.parent_path() / temp_name(m_out, "old", static_cast<long>(::getpid()));
  const bool had_old = fs::exists(m_out, ec);
  if (had_old) {
    check_replaceable(m_out);
    fs::rename(m_out, old, ec);
    if (ec)
      throw core::Error(fmt::format("{}: could not move the previous site aside: {}",
                                    m_out.string(), ec.message()));
  }
  fs::rename(m_output.dir(), m_out, ec);
  if (ec) {
    std::error_code ignored;
    if (had_old) fs::rename(old, m_out, ignored);
    throw core::Error(
        fmt::format("{}: could not put the new site in place: {}", m_out.string(), ec.message()));
  }
  m_committed = true;
  if (had_old) fs::remove_all(old, ec);
}

} // namespace review::site
