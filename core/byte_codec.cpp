#include "core/byte_codec.hpp"

#include <link.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <cstring>
#include <fstream>
#include <memory>

namespace review::core {
namespace {

int add_loaded_object(dl_phdr_info* info, std::size_t /*size*/, void* state) {
  auto* hash = static_cast<XXH3_state_t*>(state);
  const char* name = info->dlpi_name;
  struct stat status {};
  if (name == nullptr || *name == '\0' || ::stat(name, &status) != 0) return 0;
  XXH3_128bits_update(hash, name, std::strlen(name));
  const std::int64_t facts[] = {static_cast<std::int64_t>(status.st_size),
                                static_cast<std::int64_t>(status.st_mtim.tv_sec),
                                static_cast<std::int64_t>(status.st_mtim.tv_nsec)};
  XXH3_128bits_update(hash, facts, sizeof facts);
  return 0;
}

// Deeper than parse_yaml ever produces: a damaged file cannot recurse without bound.
constexpr int k_max_depth = 100;
// kind, quoted, position, scalar length, item and entry counts.
constexpr std::size_t k_min_value_bytes = 1 + 1 + 8 + 4 + 4 + 4;

bool get_value(ByteReader& reader, YamlValue& value, int depth) {
  if (depth > k_max_depth) return false;
  const auto kind = reader.get<std::uint8_t>();
  const auto quoted = reader.get<std::uint8_t>();
  const auto position = get_position(reader);
  auto scalar = reader.get_text();
  if (!kind || *kind > static_cast<std::uint8_t>(YamlValue::Kind::map) || !quoted || !position ||
      !scalar)
    return false;
  value.kind = static_cast<YamlValue::Kind>(*kind);
  value.quoted = *quoted != 0;
  value.position = *position;
  value.scalar = std::move(*scalar);
  const auto items = reader.get<std::uint32_t>();
  // Each value takes at least k_min_value_bytes: a count beyond what is left is damage.
  if (!items || *items > reader.left() / k_min_value_bytes) return false;
  value.items.resize(*items);
  for (YamlValue& item : value.items)
    if (!get_value(reader, item, depth + 1)) return false;
  const auto entries = reader.get<std::uint32_t>();
  if (!entries || *entries > reader.left() / k_min_value_bytes) return false;
  value.entries.resize(*entries);
  for (YamlValue::Entry& entry : value.entries) {
    auto key = reader.get_text();
    const auto key_position = get_position(reader);
    if (!key || !key_position) return false;
    entry.key = std::move(*key);
    entry.key_position = *key_position;
    if (!get_value(reader, entry.value, depth + 1)) return false;
  }
  return true;
}

} // namespace

void put_position(ByteWriter& writer, Position position) {
  writer.put(static_cast<std::int32_t>(position.line));
  writer.put(static_cast<std::int32_t>(position.column));
}

std::optional<Position> get_position(ByteReader& reader) {
  const auto line = reader.get<std::int32_t>();
  const auto column = reader.get<std::int32_t>();
  if (!line || !column) return std::nullopt;
  return Position{*line, *column};
}

void put_yaml(ByteWriter& writer, const YamlValue& value) {
  writer.put(static_cast<std::uint8_t>(value.kind));
  writer.put(static_cast<std::uint8_t>(value.quoted ? 1 : 0));
  put_position(writer, value.position);
  writer.put_text(value.scalar);
  writer.put(static_cast<std::uint32_t>(value.items.size()));
  for (const YamlValue& item : value.items) put_yaml(writer, item);
  writer.put(static_cast<std::uint32_t>(value.entries.size()));
  for (const YamlValue::Entry& entry : value.entries) {
    writer.put_text(entry.key);
    put_position(writer, entry.key_position);
    put_yaml(writer, entry.value);
  }
}

bool get_yaml(ByteReader& reader, YamlValue& value) {
  return get_value(reader, value, 0);
}

std::array<std::uint64_t, 2> program_identity() {
  static const std::array<std::uint64_t, 2> k_identity = [] {
    const std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> hash(XXH3_createState(),
                                                                               &XXH3_freeState);
    XXH3_128bits_reset(hash.get());
    std::ifstream executable("/proc/self/exe", std::ios::binary);
    std::string chunk(1 << 16, '\0');
    while (executable.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) ||
           executable.gcount() > 0)
      XXH3_128bits_update(hash.get(), chunk.data(), static_cast<std::size_t>(executable.gcount()));
    dl_iterate_phdr(&add_loaded_object, hash.get());
    const XXH128_hash_t digest = XXH3_128bits_digest(hash.get());
    return std::array<std::uint64_t, 2>{digest.low64, digest.high64};
  }();
  return k_identity;
}

std::string cache_header(std::string_view magic) {
  std::string header(magic);
  ByteWriter writer(header);
  const auto identity = program_identity();
  writer.put(identity[0]);
  writer.put(identity[1]);
  return header;
}

bool read_cache_header(ByteReader& reader, std::string_view magic) {
  const auto kind = reader.get_bytes(magic.size());
  const auto identity_low = reader.get<std::uint64_t>();
  const auto identity_high = reader.get<std::uint64_t>();
  const auto identity = program_identity();
  return kind == magic && identity_low == identity[0] && identity_high == identity[1];
}

} // namespace review::core
