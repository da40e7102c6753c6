// Parsed front matter kept between runs, keyed by a hash of its text. YAML is the
// largest part of reading a review (docs/performance.md); a front matter that
// did not change since the last lint or build is read back instead of parsed again.
#pragma once

#include "core/fs.hpp"
#include "core/yaml_value.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace review::core {

struct Config;
class AtomicFileWriter;

class FrontMatterCache {
public:
  // A cache that parses every time and keeps nothing.
  FrontMatterCache() = default;
  // Reads `file` when it exists and was written by this very program; a missing,
  // foreign or damaged file just means an empty cache, and an empty path no cache.
  explicit FrontMatterCache(std::filesystem::path file);
  // The cache of the git repository holding `config.root`, in
  // <git dir>/review-cache/front-matter; none outside a repository or when the
  // environment sets REVIEW_CACHE=off.
  static FrontMatterCache for_repo(const Config& config);
  // The file for_repo reads; empty when caching is off.
  static std::filesystem::path file_for_repo(const Config& config);

  // Neither copied nor moved: every instance is returned as a prvalue and lives where
  // it was made, so the threads' view of it never moves.
  FrontMatterCache(const FrontMatterCache&) = delete;
  FrontMatterCache& operator=(const FrontMatterCache&) = delete;
  ~FrontMatterCache(); // without save(), the file is left as it was

  // parse_yaml(text, first_line), from the cache when it holds that text. Safe to
  // call from several threads.
  YamlParseResult parse(std::string_view text, int first_line);

  // Writes the cache (atomically) when this run parsed something new, or when
  // `drop_unused` (the run read every review of the repo) and some entries went
  // unused: those belong to reviews edited or removed since. A cache that cannot be
  // written is not an error: the next run parses. Entries parsed this run are
  // written as they come, to a temporary file that save() completes and renames.
  void save(bool drop_unused);

  int hits() const { return m_hits.load(); }
  int misses() const { return m_misses.load(); }

private:
  struct Key {
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const { return key.low; }
  };
  struct Stored {
    std::string_view bytes; // inside m_contents
    std::atomic<bool> used{false};
  };

  static Key key_of(std::string_view text, int first_line);
  // Starts the next cache file with its header; m_adding held.
  void open_next();
  // Appends an entry to the next cache file, opening it first; m_adding held.
  void write_entry(const Key& key, std::string_view bytes);

  std::filesystem::path m_file; // empty: caching is off
  MappedFile m_contents;        // the file as read
  std::unordered_map<Key, Stored, KeyHash> m_stored;
  std::mutex m_adding;                        // guards the three below
  std::unique_ptr<AtomicFileWriter> m_next;   // opened at the first entry parsed this run
  std::unordered_set<Key, KeyHash> m_written; // keys in m_next
  bool m_write_failed = false;                // then this run writes nothing
  std::atomic<int> m_hits{0};
  std::atomic<int> m_misses{0};
};

} // namespace review::core
