#include "site/output.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

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

// ext4 without a journal passes over, for every inode it hands out, each inode freed
// in the last minutes in the block group it searches, which is the group of the new
// file's folder. Right after a site of 10,000 files was deleted, that made creating
// the next one take 1.4 s of a 3.5 s build. Marked as the top of a folder tree (as
// `chattr +T` does), the staging folder has ext4 place each subfolder in a block
// group picked from the subfolder's name; SiteOutput makes them under fresh names
// and renames them when every file is written. Elsewhere the flag is refused, or
// means nothing, and is left alone.
void mark_top_of_tree(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  int flags = 0; // the kernel reads and writes an int, whatever the ioctl's type says
  if (::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 && (flags & FS_TOPDIR_FL) == 0) {
    flags |= FS_TOPDIR_FL;
    ::ioctl(fd, FS_IOC_SETFLAGS, &flags);
  }
  ::close(fd);
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
  mark_top_of_tree(staging);
  return staging;
}

FileStamp stamp_of(const struct stat& info) {
  return {static_cast<std::int64_t>(info.st_size),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

class FileDescriptor {
public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    std::swap(m_fd, other.m_fd);
    return *this;
  }
  explicit operator bool() const { return m_fd >= 0; }
  [[nodiscard]] int get() const { return m_fd; }

private:
  int m_fd = -1;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ::ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(wrote));
  }
  return true;
}

// Creates `path` under the folder `dir`. Never writes through a link into the previous
// site, which must stay whole until the swap: a path written twice in one build has
// its first file replaced, not written into.
int create_file(int dir, const std::string& path) {
  int fd = ::openat(dir, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0 && errno == EEXIST && ::unlinkat(dir, path.c_str(), 0) == 0)
    fd = ::openat(dir, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  return fd;
}

// New bytes of many parts, a thousand to a system call: reviews.json made anew is
// ten thousand lines.
bool write_all(int fd, std::span<const FilePart> parts) {
  constexpr std::size_t k_batch = 1024; // IOV_MAX on Linux
  std::vector<::iovec> batch;
  batch.reserve(std::min(parts.size(), k_batch));
  while (!parts.empty()) {
    const std::span<const FilePart> now = parts.first(std::min(parts.size(), k_batch));
    parts = parts.subspan(now.size());
    batch.clear();
    std::size_t size = 0;
    for (const FilePart& part : now) {
      batch.push_back({const_cast<char*>(part.bytes.data()), part.bytes.size()});
      size += part.bytes.size();
    }
    ::ssize_t wrote = -1;
    do {
      wrote = ::writev(fd, batch.data(), static_cast<int>(batch.size()));
    } while (wrote < 0 && errno == EINTR);
    if (wrote < 0) return false;
    if (static_cast<std::size_t>(wrote) == size) continue;
    // Written in part (a full disk, a signal): the rest one part at a time.
    auto done = static_cast<std::size_t>(wrote);
    for (const FilePart& part : now) {
      const std::size_t skip = std::min(done, part.bytes.size());
      done -= skip;
      if (!write_all(fd, std::string_view(part.bytes).substr(skip))) return false;
    }
  }
  return true;
}

// Copies `length` bytes at `offset` of `from` to the end of `to`. The kernel copies
// within the page cache (16 MiB in a few milliseconds here); where it cannot (another
// file system, an old kernel), through a buffer. False when `from` is shorter.
bool copy_range(int from, std::uint64_t offset, std::uint64_t length, int to) {
  auto at = static_cast<::off_t>(offset);
  while (length > 0) {
    const ::ssize_t copied = ::copy_file_range(from, &at, to, nullptr, length, 0);
    if (copied > 0) {
      length -= static_cast<std::uint64_t>(copied);
      continue;
    }
    if (copied == 0) {
      errno = ENODATA;
      return false;
    }
    if (errno == EINTR) continue;
    if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return false;
    std::string buffer(std::min<std::uint64_t>(length, 1 << 16), '\0');
    while (length > 0) {
      const ::ssize_t got =
          ::pread(from, buffer.data(), std::min<std::uint64_t>(length, buffer.size()), at);
      if (got < 0 && errno == EINTR) continue;
      if (got == 0) errno = ENODATA;
      if (got <= 0 ||
          !write_all(to, std::string_view(buffer.data(), static_cast<std::size_t>(got))))
        return false;
      at += got;
      length -= static_cast<std::uint64_t>(got);
    }
  }
  return true;
}

// Rendering threads wait when this much is queued, so a fast renderer cannot hold
// the whole site in memory while the disk catches up.
constexpr std::size_t k_max_queued_bytes = std::size_t{4} << 20;

} // namespace

SiteOutput::SiteOutput(fs::path dir)
    : m_dir(std::move(dir)), m_dir_fd(::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
      m_writer([this] { write_queued(); }) {}

SiteOutput::~SiteOutput() {
  abandon();
  if (m_dir_fd >= 0) ::close(m_dir_fd);
  if (m_previous_fd >= 0) ::close(m_previous_fd);
}

void SiteOutput::reuse_from(fs::path previous) {
  const int fd = ::open(previous.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return; // nothing to link from: every file is written
  if (m_previous_fd >= 0) ::close(m_previous_fd);
  m_previous_fd = fd;
  m_previous = std::move(previous);
}

void SiteOutput::write(std::string_view path, std::string content) {
  Pending file;
  file.path = path;
  file.content = std::move(content);
  // Compared here, on the rendering threads; only the link is left to the writer.
  if (same_as_previous(file.path, file.content, file.stamp)) {
    file.linked = true;
    file.content = std::string();
  }
  file.queued_bytes = file.content.size();
  enqueue(std::move(file));
}

bool SiteOutput::previous_is(std::string_view path, const FileStamp& expected) const {
  if (m_previous_fd < 0) return false;
  struct stat info {};
  return ::fstatat(m_previous_fd, std::string(path).c_str(), &info, 0) == 0 &&
         S_ISREG(info.st_mode) && stamp_of(info) == expected;
}

bool SiteOutput::reuse(std::string_view path, const FileStamp& expected) {
  if (!previous_is(path, expected)) return false;
  Pending file;
  file.path = path;
  file.linked = true;
  file.stamp = expected;
  enqueue(std::move(file));
  return true;
}

void SiteOutput::write_parts(std::string_view path, std::vector<FilePart> parts) {
  Pending file;
  file.path = path;
  for (const FilePart& part : parts) file.queued_bytes += part.bytes.size();
  file.parts = std::move(parts);
  enqueue(std::move(file));
}

void SiteOutput::enqueue(Pending file) {
  std::unique_lock lock(m_mutex);
  m_room.wait(lock, [&] {
    return m_failure || m_stopping || m_queue.empty() || m_queued_bytes < k_max_queued_bytes;
  });
  if (m_failure) std::rethrow_exception(m_failure);
  if (m_stopping) throw core::Error(fmt::format("{}: the build was abandoned", m_dir.string()));
  m_queued_bytes += file.queued_bytes;
  m_queue.push_back(std::move(file));
  lock.unlock();
  m_work.notify_one();
}

void SiteOutput::finish() {
  std::unique_lock lock(m_mutex);
  m_room.wait(lock, [&] { return m_failure || (m_queue.empty() && !m_writing); });
  if (m_failure) std::rethrow_exception(m_failure);
  // Under the lock: the writer takes no new file meanwhile, and writes any later one
  // straight under the real names.
  for (const auto& [folder, made_as] : m_top_folders) {
    if (::renameat(m_dir_fd, made_as.c_str(), m_dir_fd, folder.c_str()) != 0) {
      m_failure = std::make_exception_ptr(
          core::Error(fmt::format("{}: could not write the folder: {}; the previous site was kept",
                                  (m_dir / folder).string(), std::strerror(errno))));
      std::rethrow_exception(m_failure);
    }
  }
  m_top_folders.clear();
  m_folders.clear();
  m_folders_named = true;
}

// Where a file is written until finish(): under its top folder's made-up name.
std::string SiteOutput::staged_path(const std::string& path) {
  const std::size_t slash = path.find('/');
  if (slash == std::string::npos || m_folders_named) return path;
  const auto [folder, added] = m_top_folders.try_emplace(path.substr(0, slash));
  // A name no earlier build used (ext4 picks the group from it), `review serve`'s
  // rebuilds in one process included.
  static std::atomic<unsigned> made{0};
  if (added) folder->second = fmt::format(".review-folder-{}-{}", ::getpid(), made++);
  return folder->second + path.substr(slash);
}

void SiteOutput::abandon() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_queue.clear();
    m_queued_bytes = 0;
  }
  m_work.notify_all();
  m_room.notify_all();
  if (m_writer.joinable()) m_writer.join();
}

void SiteOutput::write_queued() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_work.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
    if (m_stopping) return;
    // Everything queued is taken at once: ten thousand links taken one by one held
    // the lock against the rendering threads ten thousand times.
    std::deque<Pending> batch;
    batch.swap(m_queue);
    m_writing = true;
    lock.unlock();
    std::exception_ptr failure;
    for (Pending& next : batch) {
      try {
        write_now(next);
      } catch (...) {
        failure = std::current_exception();
        break;
      }
      if (next.queued_bytes == 0) continue;
      // Room for more is made file by file, so rendering goes on while this is written;
      // a waiting renderer is woken once half the queue is free, not after every file
      // (two wake-ups per page were a twentieth of a build from scratch).
      std::string().swap(next.content);
      std::vector<FilePart>().swap(next.parts);
      lock.lock();
      const bool was_above_half = m_queued_bytes >= k_max_queued_bytes / 2;
      m_queued_bytes -= std::exchange(next.queued_bytes, 0);
      const bool now_below_half = m_queued_bytes < k_max_queued_bytes / 2;
      lock.unlock();
      if (was_above_half && now_below_half) m_room.notify_all();
    }
    lock.lock();
    m_writing = false;
    for (const Pending& left : batch) m_queued_bytes -= left.queued_bytes;
    if (failure && !m_failure) {
      // The build stops at the next write or at finish(); nothing after it is written.
      m_failure = failure;
      m_queued_bytes = 0;
      m_queue.clear();
    }
    m_room.notify_all();
  }
}

// Linking costs no data written and no new inode, and a rebuild after one edit
// leaves most files as they were. The previous site is only renamed aside and
// removed after the new one is in place, so the link keeps the bytes alive.
bool SiteOutput::same_as_previous(const std::string& path, std::string_view content,
                                  FileStamp& stamp) const {
  if (m_previous_fd < 0) return false;
  const int fd = ::openat(m_previous_fd, path.c_str(), O_RDONLY | O_CLOEXEC);
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
  const fs::path file = m_dir / fs::path(pending.path); // as named to the user
  const std::string staged = staged_path(pending.path);
  const fs::path staged_file = m_dir / fs::path(staged);
  std::error_code ec;
  // Asked once per folder: ten thousand pages share a few folders.
  if (m_folders.insert(staged_file.parent_path().native()).second)
    fs::create_directories(staged_file.parent_path(), ec);
  if (!pending.parts.empty()) {
    write_parts_now(file, staged, pending);
  } else if (pending.linked) {
    const char* from = pending.path.c_str();
    const char* to = staged.c_str();
    const auto link = [&] { return ::linkat(m_previous_fd, from, m_dir_fd, to, 0) == 0; };
    const bool linked = link() || (errno == EEXIST && ::unlinkat(m_dir_fd, to, 0) == 0 && link());
    if (linked) {
      m_stamps[pending.path] = pending.stamp;
    } else {
      // Where links are refused (another file system mounted at the output), a copy.
      fs::remove(staged_file, ec);
      if (!fs::copy_file(m_previous / fs::path(pending.path), staged_file, ec))
        throw core::Error(fmt::format("{}: could not copy from the previous site: {}",
                                      file.string(), ec.message()));
    }
  } else {
    const FileDescriptor to(create_file(m_dir_fd, staged));
    if (!to || !write_all(to.get(), pending.content))
      throw core::Error(
          fmt::format("{}: could not write: {}", file.string(), std::strerror(errno)));
    struct stat info {};
    if (::fstat(to.get(), &info) == 0) m_stamps[pending.path] = stamp_of(info);
  }
  ++m_files;
  if (pending.path.ends_with(".html")) ++m_pages;
}

void SiteOutput::write_parts_now(const fs::path& file, const std::string& staged,
                                 const Pending& pending) {
  const auto fail = [&](std::string_view what) {
    return core::Error(
        fmt::format("{}: could not {}: {}", file.string(), what, std::strerror(errno)));
  };
  const FileDescriptor to(create_file(m_dir_fd, staged));
  if (!to) throw fail("write");
  FileDescriptor from;
  const std::vector<FilePart>& parts = pending.parts;
  for (std::size_t i = 0; i < parts.size();) {
    if (parts[i].length == 0) {
      std::size_t end = i;
      while (end < parts.size() && parts[end].length == 0) ++end;
      if (!write_all(to.get(), std::span(parts).subspan(i, end - i))) throw fail("write");
      i = end;
      continue;
    }
    if (!from) {
      from = FileDescriptor(::openat(m_previous_fd, pending.path.c_str(), O_RDONLY | O_CLOEXEC));
      if (!from) throw fail("read the previous site's file");
    }
    if (!copy_range(from.get(), parts[i].offset, parts[i].length, to.get())) {
      throw core::Error(fmt::format(
          "{}: could not copy from the previous site's file: {}; the previous site was kept. "
          "If something changed that file during the build, run `review build` again",
          file.string(), std::strerror(errno)));
    }
    ++i;
  }
  struct stat info {};
  if (::fstat(to.get(), &info) == 0) m_stamps[pending.path] = stamp_of(info);
}

StagedBuild::StagedBuild(const fs::path& out, fs::path trash)
    : m_out(output_folder(out)), m_output(prepare_staging(m_out)), m_trash(std::move(trash)) {
  // prepare_staging checked that an existing `out` is a site review built.
  std::error_code ec;
  if (fs::exists(m_out / k_site_marker, ec)) m_output.reuse_from(m_out);
  if (m_trash.empty() || !fs::is_directory(m_trash, ec)) return;
  // What is there now: the old site this build sets aside comes later, under a name
  // of its own.
  std::vector<fs::path> old_sites;
  for (const auto& entry : fs::directory_iterator(m_trash, ec)) old_sites.push_back(entry.path());
  if (old_sites.empty()) return;
  const auto empty_trash = [old_sites = std::move(old_sites)] {
    for (const fs::path& old_site : old_sites) {
      std::error_code ignored;
      fs::remove_all(old_site, ignored);
    }
  };
  try {
    m_emptying_trash = std::jthread(empty_trash);
  } catch (const std::system_error&) {
    empty_trash();
  }
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
  if (!had_old) return;
  if (!m_trash.empty()) {
    // Fails across file systems, or onto a leftover of the same name: then removed now.
    // A name of its own also for `review serve`, which builds again in one process.
    static std::atomic<unsigned> set_aside{0};
    fs::create_directories(m_trash, ec);
    fs::rename(old, m_trash / fmt::format("{}-{}", old.filename().string(), set_aside++), ec);
    if (!ec) return;
  }
  fs::remove_all(old, ec);
}

} // namespace review::site
