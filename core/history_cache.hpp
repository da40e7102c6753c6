// Review history kept between builds, beside the front-matter cache: the history of
// every file under one folder of the repo, walked from a commit (the tip) down to the
// first. The next walk reads only the commits made since the tip and puts them in
// front, so its cost follows the new commits, not commits × folder size
// (docs/performance.md).
#pragma once

#include "core/git.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace review::core {

struct HistorySnapshot {
  std::string tip; // full hex id of the newest commit walked
  // Repo-relative path → its history from the tip down; files deleted by then are absent.
  std::unordered_map<std::string, FileHistory> files;
};

// The snapshot in `file` for `folder` (as in HistoryCache), or nullopt when the file
// is missing, damaged, for another folder, or written by another program.
std::optional<HistorySnapshot> read_history_snapshot(const std::filesystem::path& file,
                                                     std::string_view folder);
// Replaces `file` atomically. A snapshot that cannot be written is not an error: the
// next walk reads every commit again.
void write_history_snapshot(const std::filesystem::path& file, std::string_view folder,
                            const HistorySnapshot& snapshot);

// A file's history up to some commit (`older`) followed by its history in the
// commits made since (`newer`, which does not cross a deletion of the file).
FileHistory join_history(FileHistory older, const FileHistory& newer);

} // namespace review::core
