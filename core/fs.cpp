#include "core/fs.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

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

// How AtomicFileWriter names its temporary files for `path`, before "<pid>-<n>".
std::string temporary_prefix(const std::filesystem::path& path) {
  return "." + path.filename().string() + ".tmp-";
}

[[noreturn]] void fail_read(const std::filesystem::path& path) {
  throw Error(fmt::format("{}: could not read: {}", path.string(), std::strerror(errno)));
}

// A file opened for reading, with what fstat says of it; closed when it goes.
struct OpenFile {
  int fd = -1;
  struct stat info {};

  explicit OpenFile(const std::filesystem::path& path)
      : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd < 0) fail_read(path);
    if (::fstat(fd, &info) != 0) {
      const int error = errno;
      ::close(fd);
      errno = error;
      fail_read(path);
    }
  }
  ~OpenFile() { ::close(fd); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
};

} // namespace

// Plain read(2) into a buffer sized from fstat: a stream's rdbuf copy costs as much
// as parsing the file (docs/performance.md).
std::string read_file(const std::filesystem::path& path) {
  const OpenFile file(path);
  const int fd = file.fd;
  const struct stat& info = file.info;
  std::string content;
  // One byte more than the size, so a file read whole is seen to end without a resize.
  content.resize(static_cast<std::size_t>(std::max<off_t>(info.st_size, 0)) + 1);
  std::size_t filled = 0;
  for (;;) {
    if (filled == content.size()) content.resize(content.size() * 2);
    const ssize_t got = ::read(fd, content.data() + filled, content.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(path);
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  content.resize(filled);
  return content;
}

MappedFile::MappedFile(const std::filesystem::path& path) {
  const OpenFile file(path);
  const struct stat& info = file.info;
  if (!S_ISREG(info.st_mode)) {
    errno = EISDIR;
    fail_read(path);
  }
  if (info.st_size == 0) return; // mmap refuses an empty length
  void* data =
      ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, file.fd, 0);
  if (data == MAP_FAILED) fail_read(path);
  m_data = static_cast<const char*>(data);
  m_size = static_cast<std::size_t>(info.st_size);
}

MappedFile::~MappedFile() {
  if (m_data != nullptr) ::munmap(const_cast<char*>(m_data), m_size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (m_data != nullptr) ::munmap(const_cast<char*>(m_data), m_size);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path) : m_path(std::move(path)) {
  create_parents(m_path);
  static std::atomic<unsigned> counter{0};
  m_temp = m_path.parent_path() /
           fmt::format("{}{}-{}", temporary_prefix(m_path), ::getpid(), counter.fetch_add(1));
  m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (m_fd < 0)
    throw Error(fmt::format("{}: could not create: {}", m_temp.string(), std::strerror(errno)));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (m_fd < 0) return; // committed
  ::close(m_fd);
  ::unlink(m_temp.c_str());
}

void AtomicFileWriter::write(std::string_view bytes) {
  constexpr std::size_t k_buffer_bytes = std::size_t{1} << 20;
  if (m_buffer.size() + bytes.size() > k_buffer_bytes) flush();
  if (bytes.size() >= k_buffer_bytes)
    write_all(m_fd, bytes, m_temp);
  else
    m_buffer.append(bytes);
}

void AtomicFileWriter::flush() {
  write_all(m_fd, m_buffer, m_temp);
  m_buffer.clear();
}

void AtomicFileWriter::commit() {
  flush();
  if (::fsync(m_fd) != 0)
    throw Error(fmt::format("{}: could not flush: {}", m_temp.string(), std::strerror(errno)));
  ::close(m_fd);
  m_fd = -1;
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(m_temp.c_str());
    throw Error(fmt::format("{}: could not replace: {}", m_path.string(), std::strerror(saved)));
  }
}

void remove_abandoned_temporaries(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  const std::string prefix = temporary_prefix(path);
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(1);
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->path().filename().string().starts_with(prefix)) continue;
    std::error_code ignored;
    const auto modified = it->last_write_time(ignored);
    if (!ignored && modified < cutoff) fs::remove(it->path(), ignored);
  }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  AtomicFileWriter writer(path);
  writer.write(content);
  writer.commit();
}

void append_to_file(const std::filesystem::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0)
    throw Error(fmt::format("{}: could not open: {}", path.string(), std::strerror(errno)));
  try {
    write_all(fd, content, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
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
