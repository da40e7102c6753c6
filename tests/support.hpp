// Helpers shared by the tests: scratch folders, running the binary, reading files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace review::test {

// A fresh folder under the system temp dir, removed when the object goes away.
class ScratchDir {
public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& part) const { return m_path / part; }

private:
  std::filesystem::path m_path;
};

struct CommandResult {
  int exit_code = -1;
  std::string output; // stdout and stderr, interleaved
};

// Runs a shell command line in `cwd` and captures its output.
CommandResult run_command(const std::string& command_line, const std::filesystem::path& cwd);

// Runs the `review` binary under test with `arguments` (already shell-quoted) in `cwd`.
CommandResult run_review(const std::string& arguments, const std::filesystem::path& cwd);

std::string shell_quote(const std::string& text);
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);
std::filesystem::path source_dir(); // the repo checkout
// The file's inode number: the same after a build means it was linked, not written.
// Throws std::runtime_error when the file cannot be stat'ed.
std::uint64_t inode(const std::filesystem::path& file);

} // namespace review::test
