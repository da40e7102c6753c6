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

} // namespace

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
