// Helpers the site tests share: copying a fixture repo to a scratch folder and
// building it the way `review build` does, with the date pinned.
#pragma once

#include "core/config.hpp"
#include "site/build.hpp"

#include "support.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace review::test {

inline std::filesystem::path copy_fixture(const std::string& name,
                                          const std::filesystem::path& to) {
  const auto from = source_dir() / "tests/fixtures/site" / name;
  std::filesystem::create_directories(to);
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
  return to;
}

inline site::BuildOptions pinned_options(const std::filesystem::path& out) {
  site::BuildOptions options;
  options.out = out;
  options.today = core::Date{2026, 6, 1};
  return options;
}

// Every file under `dir` (relative path → content), skipping nothing.
inline std::map<std::string, std::string> read_tree(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    files[entry.path().lexically_relative(dir).generic_string()] = read_text(entry.path());
  }
  return files;
}

} // namespace review::test
