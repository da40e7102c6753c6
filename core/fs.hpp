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

// Creates `path` with O_EXCL (parents created as needed) and writes `content`.
// Returns false, writing nothing, when the file exists; throws Error on other failures.
bool write_file_exclusive(const std::filesystem::path& path, std::string_view content);

} // namespace review::core
