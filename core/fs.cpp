#include "core/fs.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace review::core {
namespace {

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("{}: could not write: {}", path.string(), std::strerror(errno)));
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
}

void create_parents(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    throw Error(fmt::format("{}: could not create the folder: {}", path.parent_path().string(),
                            ec.message()));
}

} // namespace

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  create_parents(path);
  static std::atomic<unsigned> counter{0};
  const auto temp = path.parent_path() / fmt::format(".{}.tmp-{}-{}", path.filename().string(),
                                                     ::getpid(), counter.fetch_add(1));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(fmt::format("{}: could not create: {}", temp.string(), std::strerror(errno)));
  try {
    write_all(fd, content, temp);
    if (::fsync(fd) != 0)
      throw Error(fmt::format("{}: could not flush: {}", temp.string(), std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error(fmt::format("{}: could not replace: {}", path.string(), std::strerror(saved)));
  }
}

bool write_file_exclusive(const std::filesystem::path& path, std::string_view content) {
  create_parents(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw Error(fmt::format("{}: could not create: {}", path.string(), std::strerror(errno)));
  }
  try {
    write_all(fd, content, path);
    if (::fsync(fd) != 0)
      throw Error(fmt::format("{}: could not flush: {}", path.string(), std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    ::unlink(path.c_str()); // ours alone: O_EXCL made it
    throw;
  }
  ::close(fd);
  return true;
}

} // namespace review::core
