// File writes that never leave a half-written file and never overwrite by accident.
#pragma once

#include <filesystem>
#include <string_view>

namespace review::core {

// Writes to a temporary file beside `path`, fsyncs it and renames it over `path`.
// Throws Error on failure; `path` is then untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Creates `path` with O_EXCL (parents created as needed) and writes `content`.
// Returns false, writing nothing, when the file exists; throws Error on other failures.
bool write_file_exclusive(const std::filesystem::path& path, std::string_view content);

} // namespace review::core
