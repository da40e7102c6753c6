// The encoding of the caches under .git/review-cache: native-endian fixed-width
// integers and length-prefixed strings. A cache is only ever read by the program
// that wrote it (program_identity), so neither endianness nor versions matter.
#pragma once

#include "core/diagnostic.hpp"
#include "core/yaml_value.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace review::core {

class ByteWriter {
public:
  explicit ByteWriter(std::string& out) : m_out(out) {}

  template <class T> void put(T number) {
    m_out.append(reinterpret_cast<const char*>(&number), sizeof number);
  }
  void put_text(std::string_view text) {
    put(static_cast<std::uint32_t>(text.size()));
    m_out.append(text);
  }

private:
  std::string& m_out;
};

// Every read is bounds-checked: a truncated or damaged cache reads as nullopt.
class ByteReader {
public:
  explicit ByteReader(std::string_view in) : m_in(in) {}

  [[nodiscard]] bool at_end() const { return m_in.empty(); }
  [[nodiscard]] std::size_t left() const { return m_in.size(); }

  template <class T> std::optional<T> get() {
    if (m_in.size() < sizeof(T)) return std::nullopt;
    T number;
    std::memcpy(&number, m_in.data(), sizeof number);
    m_in.remove_prefix(sizeof number);
    return number;
  }
  std::optional<std::string_view> get_bytes(std::size_t size) {
    if (m_in.size() < size) return std::nullopt;
    const std::string_view bytes = m_in.substr(0, size);
    m_in.remove_prefix(size);
    return bytes;
  }
  std::optional<std::string> get_text() {
    const auto size = get<std::uint32_t>();
    if (!size) return std::nullopt;
    const auto bytes = get_bytes(*size);
    if (!bytes) return std::nullopt;
    return std::string(*bytes);
  }

private:
  std::string_view m_in;
};

void put_position(ByteWriter& writer, Position position);
std::optional<Position> get_position(ByteReader& reader);
// A YAML tree, as the front-matter cache and the site's review records keep it.
void put_yaml(ByteWriter& writer, const YamlValue& value);
// False when the bytes are damaged (cut short, counts beyond what is left, too deep).
bool get_yaml(ByteReader& reader, YamlValue& value);

// A hash of this program's executable and of the shared libraries it loaded (path,
// size, modification time): results cached by another build are never trusted.
std::array<std::uint64_t, 2> program_identity();

// The start of every cache file: what kind of cache it is, then program_identity().
std::string cache_header(std::string_view magic);
// Reads the header; false when the file is another kind, from another program, or cut short.
bool read_cache_header(ByteReader& reader, std::string_view magic);

} // namespace review::core
