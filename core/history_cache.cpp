#include "core/history_cache.hpp"

#include "core/byte_codec.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"

#include <algorithm>
#include <unordered_set>

namespace review::core {
namespace {

constexpr std::string_view k_magic = "review history cache 1\n";
// A path, two ids, the counts and the times: a count beyond what is left is damage.
constexpr std::size_t k_min_entry_bytes = 4 + 8 + 8 + 4 + 4 + 4 + 4;

std::optional<FileHistory> get_history(ByteReader& reader) {
  FileHistory history;
  const auto created = reader.get<std::int64_t>();
  const auto updated = reader.get<std::int64_t>();
  auto first = reader.get_text();
  auto last = reader.get_text();
  const auto revisions = reader.get<std::int32_t>();
  const auto authors = reader.get<std::uint32_t>();
  if (!created || !updated || !first || !last || !revisions || !authors ||
      *authors > reader.left() / 4)
    return std::nullopt;
  history.created = *created;
  history.updated = *updated;
  history.first_commit = std::move(*first);
  history.last_commit = std::move(*last);
  history.revisions = *revisions;
  history.authors.reserve(*authors);
  for (std::uint32_t i = 0; i < *authors; ++i) {
    auto author = reader.get_text();
    if (!author) return std::nullopt;
    history.authors.push_back(std::move(*author));
  }
  return history;
}

void put_history(ByteWriter& writer, const FileHistory& history) {
  writer.put(history.created);
  writer.put(history.updated);
  writer.put_text(history.first_commit);
  writer.put_text(history.last_commit);
  writer.put(static_cast<std::int32_t>(history.revisions));
  writer.put(static_cast<std::uint32_t>(history.authors.size()));
  for (const std::string& author : history.authors) writer.put_text(author);
}

} // namespace

std::optional<HistorySnapshot> read_history_snapshot(const std::filesystem::path& file,
                                                     std::string_view folder) {
  std::string contents;
  try {
    contents = read_file(file);
  } catch (const Error&) {
    return std::nullopt; // none yet, or unreadable: walk every commit
  }
  ByteReader reader(contents);
  if (!read_cache_header(reader, k_magic)) return std::nullopt;
  const auto kept_folder = reader.get_text();
  auto tip = reader.get_text();
  const auto count = reader.get<std::uint32_t>();
  if (kept_folder != folder || !tip || tip->empty() || !count ||
      *count > reader.left() / k_min_entry_bytes)
    return std::nullopt;
  HistorySnapshot snapshot;
  snapshot.tip = std::move(*tip);
  snapshot.files.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto path = reader.get_text();
    auto history = path ? get_history(reader) : std::nullopt;
    // Unlike the front-matter cache, a partial snapshot would be wrong, not just slower.
    if (!history) return std::nullopt;
    snapshot.files.emplace(std::move(*path), std::move(*history));
  }
  if (!reader.at_end()) return std::nullopt;
  return snapshot;
}

void write_history_snapshot(const std::filesystem::path& file, std::string_view folder,
                            const HistorySnapshot& snapshot) {
  std::string bytes = cache_header(k_magic);
  ByteWriter writer(bytes);
  writer.put_text(folder);
  writer.put_text(snapshot.tip);
  writer.put(static_cast<std::uint32_t>(snapshot.files.size()));
  for (const auto& [path, history] : snapshot.files) {
    writer.put_text(path);
    put_history(writer, history);
  }
  try {
    write_file_atomic(file, bytes);
    remove_abandoned_temporaries(file);
  } catch (const Error&) {
    // Read-only checkout, full disk: the cache is an optimisation, never a failure.
  }
}

FileHistory join_history(FileHistory older, const FileHistory& newer) {
  older.updated = newer.updated;
  older.last_commit = newer.last_commit;
  older.revisions += newer.revisions;
  // Distinct names, oldest first: the older side's, then the newcomers in theirs.
  const std::unordered_set<std::string> listed(older.authors.begin(), older.authors.end());
  for (const std::string& author : newer.authors)
    if (!listed.contains(author)) older.authors.push_back(author);
  return older;
}

} // namespace review::core
