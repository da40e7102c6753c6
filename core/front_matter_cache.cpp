#include "core/front_matter_cache.hpp"

#include "core/byte_codec.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/git.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_set>

namespace review::core {
namespace {

constexpr std::string_view k_magic = "review front-matter cache 2\n";
// A hostile front matter (an alias bomb within the limits) is parsed every time
// rather than bloating the cache for every later run.
constexpr std::size_t k_max_entry_bytes = std::size_t{256} * 1024;
std::string encode(const YamlParseResult& result) {
  std::string out;
  ByteWriter writer(out);
  writer.put(static_cast<std::uint8_t>(result.ok ? 1 : 0));
  writer.put_text(result.error);
  put_position(writer, result.error_position);
  writer.put_text(result.hint);
  put_yaml(writer, result.root);
  return out;
}

std::optional<YamlParseResult> decode(std::string_view bytes) {
  ByteReader reader(bytes);
  YamlParseResult result;
  const auto ok = reader.get<std::uint8_t>();
  auto error = reader.get_text();
  const auto error_position = get_position(reader);
  auto hint = reader.get_text();
  if (!ok || !error || !error_position || !hint || !get_yaml(reader, result.root) ||
      !reader.at_end())
    return std::nullopt;
  result.ok = *ok != 0;
  result.error = std::move(*error);
  result.error_position = *error_position;
  result.hint = std::move(*hint);
  return result;
}

} // namespace

FrontMatterCache::FrontMatterCache(std::filesystem::path file) : m_file(std::move(file)) {
  if (m_file.empty()) return;
  try {
    m_contents = MappedFile(m_file);
  } catch (const Error&) {
    return; // no cache yet, or an unreadable one: parse everything
  }
  ByteReader reader(m_contents.bytes());
  if (!read_cache_header(reader, k_magic)) {
    m_contents = MappedFile();
    return;
  }
  while (!reader.at_end()) {
    const auto low = reader.get<std::uint64_t>();
    const auto high = reader.get<std::uint64_t>();
    const auto size = reader.get<std::uint32_t>();
    const auto bytes = size ? reader.get_bytes(*size) : std::nullopt;
    if (!low || !high || !bytes) break; // a truncated tail: keep what came before
    m_stored[Key{*low, *high}].bytes = *bytes;
  }
}

FrontMatterCache FrontMatterCache::for_repo(const Config& config) {
  return FrontMatterCache(file_for_repo(config));
}

std::filesystem::path FrontMatterCache::file_for_repo(const Config& config) {
  try {
    const auto repo = GitRepo::discover(config.root);
    if (!repo) return {};
    const std::filesystem::path folder = repo->cache_folder();
    return folder.empty() ? folder : folder / "front-matter";
  } catch (const Error&) {
    return {}; // an unreadable repository: lint and build still work, uncached
  }
}

FrontMatterCache::Key FrontMatterCache::key_of(std::string_view text, int first_line) {
  const XXH128_hash_t hash =
      XXH3_128bits_withSeed(text.data(), text.size(), static_cast<XXH64_hash_t>(first_line));
  return Key{hash.low64, hash.high64};
}

FrontMatterCache::~FrontMatterCache() = default;

YamlParseResult FrontMatterCache::parse(std::string_view text, int first_line) {
  if (m_file.empty()) return parse_yaml(text, first_line);
  const Key key = key_of(text, first_line);
  if (const auto stored = m_stored.find(key); stored != m_stored.end()) {
    if (auto result = decode(stored->second.bytes)) {
      stored->second.used.store(true, std::memory_order_relaxed);
      ++m_hits;
      return std::move(*result);
    }
  }
  ++m_misses;
  YamlParseResult result = parse_yaml(text, first_line);
  const std::string bytes = encode(result);
  if (bytes.size() <= k_max_entry_bytes) {
    const std::lock_guard lock(m_adding);
    try {
      write_entry(key, bytes);
    } catch (const Error&) {
      // Read-only checkout, full disk: the cache is an optimisation, never a failure.
      m_next.reset();
      m_write_failed = true;
    }
  }
  return result;
}

void FrontMatterCache::open_next() {
  m_next = std::make_unique<AtomicFileWriter>(m_file);
  m_next->write(cache_header(k_magic));
}

// Written as they come rather than kept: the cache is as large as the front matter of
// every review, and holding the new entries until save() was a tenth of a first
// `review lint`'s peak memory.
void FrontMatterCache::write_entry(const Key& key, std::string_view bytes) {
  if (m_write_failed || !m_written.insert(key).second) return;
  if (!m_next) open_next();
  std::string header;
  ByteWriter writer(header);
  writer.put(key.low);
  writer.put(key.high);
  writer.put(static_cast<std::uint32_t>(bytes.size()));
  m_next->write(header);
  m_next->write(bytes);
}

void FrontMatterCache::save(bool drop_unused) {
  if (m_file.empty()) return;
  const std::lock_guard lock(m_adding);
  if (m_write_failed) return;
  const bool any_unused = std::any_of(m_stored.begin(), m_stored.end(), [](const auto& stored) {
    return !stored.second.used.load();
  });
  if (!m_next && !(drop_unused && any_unused)) return; // the file already says it all
  try {
    for (const auto& [key, stored] : m_stored)
      if (!drop_unused || stored.used.load()) write_entry(key, stored.bytes);
    if (!m_next) open_next(); // every entry dropped: an empty cache
    m_next->commit();
    remove_abandoned_temporaries(m_file); // from runs killed before their save()
  } catch (const Error&) {
    // As in parse(): the next run parses again.
  }
  m_next.reset();
}

} // namespace review::core
