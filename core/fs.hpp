// Whole-file reads, and writes that never leave a half-written file and never
// overwrite by accident.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace review::core {

// Reads a whole file, to its end even when it grows while read; throws Error
// "PATH: could not read: REASON" (a folder gives "Is a directory").
std::string read_file(const std::filesystem::path& path);

// A file mapped read-only: its bytes are the kernel's page cache, not a copy. For the
// caches under .git/review-cache (tens of MiB at 10,000 reviews) that spares touching
// as much new memory, which costs more than reading. Only for files replaced by
// rename, never rewritten in place: a file cut short under the mapping would fault.
class MappedFile {
public:
  MappedFile() = default; // no bytes
  // Throws Error "PATH: could not read: REASON" as read_file does.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {m_data, m_size}; }

private:
  const char* m_data = nullptr;
  std::size_t m_size = 0;
};

// A file written in pieces that appears whole or not at all: the pieces go to a
// temporary file beside `path`, which commit() fsyncs and renames over `path`.
// Without commit() (an exception, an early return) the temporary file is removed
// and `path` is untouched. Throws Error on failure.
class AtomicFileWriter {
public:
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::string_view bytes); // buffered: small pieces cost no system call each
  void commit();

private:
  void flush();

  std::filesystem::path m_path;
  std::filesystem::path m_temp;
  int m_fd = -1;
  std::string m_buffer;
};

// Removes the temporary files of AtomicFileWriters for `path` that nobody touched for
// an hour: a process killed while writing leaves one behind.
void remove_abandoned_temporaries(const std::filesystem::path& path);

// The whole of `content` through an AtomicFileWriter.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Appends `content` to the existing file `path` in one write(2), so that a reader that
// checks each entry (the review records) sees another process's append whole or not
// at all. Throws Error on failure.
void append_to_file(const std::filesystem::path& path, std::string_view content);

// Creates `path` with O_EXCL (parents created as needed) and writes `content`.
// Returns false, writing nothing, when the file exists; throws Error on other failures.
bool write_file_exclusive(const std::filesystem::path& path, std::string_view content);

} // namespace review::core
