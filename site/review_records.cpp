#include "site/review_records.hpp"

#include "core/byte_codec.hpp"
#include "core/error.hpp"
#include "core/front_matter_cache.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "site/markdown_html.hpp"
#include "site/parallel.hpp"

#include <sys/stat.h>
#include <xxhash.h>

#include <chrono>
#include <concepts>
#include <cstring>
#include <optional>
#include <type_traits>
#include <unordered_map>

namespace review::site {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_magic = "review records 1\n";
// A file modified this close to the build's start could change again within the same
// timestamp tick after being read: it is parsed every time until it is older.
constexpr std::int64_t k_racy_ns = 2'000'000'000;

// The enums' last values, to refuse a damaged byte.
constexpr core::Outcome last_value(core::Outcome /*tag*/) {
  return core::Outcome::no_decision;
}
constexpr core::PriceRole last_value(core::PriceRole /*tag*/) {
  return core::PriceRole::unknown;
}
constexpr core::ActionStatus last_value(core::ActionStatus /*tag*/) {
  return core::ActionStatus::dropped;
}
constexpr core::BlockKind last_value(core::BlockKind /*tag*/) {
  return core::BlockKind::html_block;
}
constexpr core::RunKind last_value(core::RunKind /*tag*/) {
  return core::RunKind::line_break;
}
constexpr core::FrontMatterSplit::Status last_value(core::FrontMatterSplit::Status /*tag*/) {
  return core::FrontMatterSplit::Status::empty_file;
}

// The members a record keeps of each kind of value, in the order they are written:
// one list serves the encoder and the decoder, so that the two cannot disagree.
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Date>
void each_member(T& date, Visit&& visit) {
  visit(date.year);
  visit(date.month);
  visit(date.day);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::FiscalQuarter>
void each_member(T& quarter, Visit&& visit) {
  visit(quarter.year);
  visit(quarter.quarter);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Stakeholder>
void each_member(T& person, Visit&& visit) {
  visit(person.title);
  visit(person.name);
  visit(person.role);
  visit(person.in_room);
  visit(person.engaged);
  visit(person.position);
  visit(person.role_position);
}
// Not the parentheses' `fields`: only lint reads them (owner and due are kept), and
// their map was a tenth of the time spent reading records.
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Action>
void each_member(T& action, Visit&& visit) {
  visit(action.team);
  visit(action.text);
  visit(action.owner);
  visit(action.due_text);
  visit(action.due);
  visit(action.status);
  visit(action.raw);
  visit(action.position);
  visit(action.team_position);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Run>
void each_member(T& run, Visit&& visit) {
  visit(run.offset);
  visit(run.length);
  visit(run.position);
  visit(run.kind);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Block>
void each_member(T& block, Visit&& visit) {
  visit(block.kind);
  visit(block.text);
  visit(block.runs);
  visit(block.quote_depth);
  visit(block.list_depth);
  visit(block.section);
  visit(block.position);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Section>
void each_member(T& section, Visit&& visit) {
  visit(section.id);
  visit(section.heading);
  visit(section.level);
  visit(section.position);
  visit(section.first_block);
  visit(section.end_block);
  visit(section.has_content);
}
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Position>
void each_member(T& position, Visit&& visit) {
  visit(position.line);
  visit(position.column);
}
// Of a review, its path aside (the record's key): every typed field, the team's own
// keys and the actions. The summary is written after them (encode_record).
template <class T, class Visit>
requires std::same_as<std::remove_const_t<T>, core::Review>
void each_member(T& review, Visit&& visit) {
  visit(review.id);
  visit(review.front_matter_status);
  visit(review.body_first_line);
  visit(review.front_matter);
  visit(review.schema);
  visit(review.title);
  visit(review.account);
  visit(review.outcome);
  visit(review.lost_to);
  visit(review.competitors);
  visit(review.close_date);
  visit(review.review_date);
  visit(review.account_executive);
  visit(review.amount);
  visit(review.currency);
  visit(review.segment);
  visit(review.region);
  visit(review.buyer_interviewed);
  visit(review.evidence);
  visit(review.stakeholders);
  visit(review.decision_factors);
  visit(review.price_role);
  visit(review.price_evidence);
  visit(review.selection);
  visit(review.confidential);
  visit(review.crm_id);
  visit(review.quarter);
  visit(review.body.actions);
}

template <class T>
concept Recorded = requires(T& value) {
  each_member(value, [](auto&) {});
};

class Encoder {
public:
  explicit Encoder(std::string& out) : m_writer(out) {}

  void put(const std::string& text) { m_writer.put_text(text); }
  void put(int number) { m_writer.put(static_cast<std::int32_t>(number)); }
  void put(std::size_t number) { m_writer.put(static_cast<std::uint64_t>(number)); }
  void put(double number) { m_writer.put(number); }
  void put(bool flag) { m_writer.put(static_cast<std::uint8_t>(flag ? 1 : 0)); }
  template <class Enum>
  requires std::is_enum_v<Enum>
  void put(Enum value) { m_writer.put(static_cast<std::uint8_t>(value)); }
  void put(const core::YamlValue& value) { core::put_yaml(m_writer, value); }
  template <class T> void put(const std::optional<T>& value) {
    put(value.has_value());
    if (value) put(*value);
  }
  template <class T> void put(const std::vector<T>& items) {
    m_writer.put(static_cast<std::uint32_t>(items.size()));
    for (const T& item : items) put(item);
  }
  template <class T> void put(const core::Field<T>& field) {
    put(field.present);
    put(field.position);
    put(field.value);
  }
  template <Recorded T> void put(const T& value) {
    each_member(value, [&](const auto& member) { put(member); });
  }

private:
  core::ByteWriter m_writer;
};

// Reads what Encoder wrote; any damage (cut short, a count beyond what is left, an
// enum out of range) makes ok() false.
class Decoder {
public:
  explicit Decoder(std::string_view bytes) : m_reader(bytes) {}

  [[nodiscard]] bool ok() const { return m_ok && m_reader.at_end(); }

  void get(std::string& text) {
    auto read = m_reader.get_text();
    if (read)
      text = std::move(*read);
    else
      m_ok = false;
  }
  void get(int& number) { number = read<std::int32_t>(); }
  void get(std::size_t& number) { number = static_cast<std::size_t>(read<std::uint64_t>()); }
  void get(double& number) { number = read<double>(); }
  void get(bool& flag) { flag = read<std::uint8_t>() != 0; }
  template <class Enum>
  requires std::is_enum_v<Enum>
  void get(Enum& value) {
    const auto number = read<std::uint8_t>();
    if (number > static_cast<std::uint8_t>(last_value(Enum{})))
      m_ok = false;
    else
      value = static_cast<Enum>(number);
  }
  void get(core::YamlValue& value) {
    if (!core::get_yaml(m_reader, value)) m_ok = false;
  }
  template <class T> void get(std::optional<T>& value) {
    bool present = false;
    get(present);
    if (!present) return;
    value.emplace();
    get(*value);
  }
  template <class T> void get(std::vector<T>& items) {
    items.resize(count());
    for (T& item : items) get(item);
  }
  template <class T> void get(core::Field<T>& field) {
    get(field.present);
    get(field.position);
    get(field.value);
  }
  template <Recorded T> void get(T& value) {
    each_member(value, [&](auto& member) { get(member); });
  }

private:
  template <class T> T read() {
    const auto number = m_reader.get<T>();
    if (!number) m_ok = false;
    return number.value_or(T{});
  }
  // Every item takes at least a byte: a count beyond what is left is damage.
  std::size_t count() {
    const auto number = read<std::uint32_t>();
    if (number > m_reader.left()) {
      m_ok = false;
      return 0;
    }
    return number;
  }

  core::ByteReader m_reader;
  bool m_ok = true;
};

// A file as it is now: its record is used only while all four still match.
struct FileState {
  std::int64_t size = -1;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0; // ctime: also moves on chmod, rename and a set mtime
  std::uint64_t inode = 0;
  bool operator==(const FileState&) const = default;
};

std::optional<FileState> state_of(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  constexpr std::int64_t k_ns = 1'000'000'000;
  return FileState{static_cast<std::int64_t>(info.st_size),
                   static_cast<std::int64_t>(info.st_mtim.tv_sec) * k_ns + info.st_mtim.tv_nsec,
                   static_cast<std::int64_t>(info.st_ctim.tv_sec) * k_ns + info.st_ctim.tv_nsec,
                   static_cast<std::uint64_t>(info.st_ino)};
}

struct Record {
  FileState state;
  PageDigest text;
  std::size_t body_bytes = 0;
  std::string_view review; // encode_record's bytes, inside the records file
};

// An entry: its size; the path, file state, text digest, body size and review; then
// a hash of those bytes, so that a torn or interleaved append is seen.
void put_entry(std::string& out, const std::string& path, const Record& record) {
  const std::size_t start = out.size();
  core::ByteWriter writer(out);
  writer.put(std::uint32_t{0}); // the size, set below
  writer.put_text(path);
  writer.put(record.state.size);
  writer.put(record.state.modified_ns);
  writer.put(record.state.changed_ns);
  writer.put(record.state.inode);
  writer.put(record.text.low);
  writer.put(record.text.high);
  writer.put(static_cast<std::uint64_t>(record.body_bytes));
  writer.put_text(record.review);
  const auto size = static_cast<std::uint32_t>(out.size() - start - sizeof(std::uint32_t));
  std::memcpy(out.data() + start, &size, sizeof size);
  writer.put(XXH3_64bits(out.data() + start + sizeof size, size));
}

struct RecordsFile {
  core::MappedFile contents;
  bool usable = false;     // written by this program for this config, and not damaged
  std::size_t entries = 0; // in the file, those replaced by later ones included
  std::unordered_map<std::string, Record> records; // by Review::path, the last entry of each
};

// The records in `file` when they were written by this program for this config;
// otherwise none. Entries after a damaged one (a torn append) are not read, and the
// file is not usable for appending.
RecordsFile read_records(const fs::path& file, std::string_view config_text) {
  RecordsFile kept;
  if (file.empty()) return kept;
  try {
    kept.contents = core::MappedFile(file);
  } catch (const core::Error&) {
    return kept; // none yet, or unreadable: parse every file
  }
  core::ByteReader reader(kept.contents.bytes());
  if (!core::read_cache_header(reader, k_magic)) return {};
  const PageDigest config = digest_of(config_text);
  const auto config_low = reader.get<std::uint64_t>();
  const auto config_high = reader.get<std::uint64_t>();
  if (config_low != config.low || config_high != config.high) return {};
  while (!reader.at_end()) {
    const auto size = reader.get<std::uint32_t>();
    const auto bytes = size ? reader.get_bytes(*size) : std::nullopt;
    const auto check = reader.get<std::uint64_t>();
    if (!bytes || check != XXH3_64bits(bytes->data(), bytes->size())) return kept;
    core::ByteReader entry(*bytes);
    auto path = entry.get_text();
    const auto file_size = entry.get<std::int64_t>();
    const auto modified = entry.get<std::int64_t>();
    const auto changed = entry.get<std::int64_t>();
    const auto inode = entry.get<std::uint64_t>();
    const auto low = entry.get<std::uint64_t>();
    const auto high = entry.get<std::uint64_t>();
    const auto body_bytes = entry.get<std::uint64_t>();
    const auto review_size = entry.get<std::uint32_t>();
    const auto review = review_size ? entry.get_bytes(*review_size) : std::nullopt;
    if (!path || !file_size || !modified || !changed || !inode || !low || !high || !body_bytes ||
        !review || !entry.at_end())
      return kept;
    kept.records.insert_or_assign(std::move(*path),
                                  Record{{*file_size, *modified, *changed, *inode},
                                         {*low, *high},
                                         static_cast<std::size_t>(*body_bytes),
                                         *review});
    ++kept.entries;
  }
  kept.usable = true;
  return kept;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One file's outcome besides its review: whether it was read from its record, the
// record to keep for the next build, or why it could not be loaded.
struct Slot {
  bool from_record = false;
  std::optional<Record> record;
  std::string encoded; // the record's review bytes when made this build
  std::optional<core::Diagnostic> problem;
};

// Writes the records to keep, an entry at a time: every slot's (`all`), or only
// those made this build.
template <typename Write>
void put_records(const std::vector<Slot>& slots, const std::vector<core::Review>& reviews, bool all,
                 Write&& write) {
  std::string entry;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i].record || (!all && slots[i].encoded.empty())) continue;
    Record record = *slots[i].record;
    if (!slots[i].encoded.empty()) record.review = slots[i].encoded;
    entry.clear();
    put_entry(entry, reviews[i].path, record);
    write(std::string_view(entry));
  }
}

// New records are appended; the file is written anew when it was missing or for
// another config or program, or when more than a quarter of its entries are dead
// (files changed or removed since). Written anew, the entries stream to a temporary
// file: joined first, they were two copies of every record (39 MiB at 10,000 reviews)
// on top of a build's peak memory. Failures are ignored: the next build parses.
void keep_records(const fs::path& file, std::string_view config_text, const RecordsFile& kept,
                  const std::vector<Slot>& slots, const std::vector<core::Review>& reviews) {
  std::size_t reused = 0;
  std::size_t made = 0;
  for (const Slot& slot : slots) {
    if (slot.from_record)
      ++reused;
    else if (slot.record)
      ++made;
  }
  const std::size_t live = reused + made;
  try {
    if (!kept.usable || kept.entries + made > live + live / 4 + 64) {
      core::AtomicFileWriter next(file);
      std::string header = core::cache_header(k_magic);
      core::ByteWriter writer(header);
      const PageDigest config = digest_of(config_text);
      writer.put(config.low);
      writer.put(config.high);
      next.write(header);
      put_records(slots, reviews, true, [&](std::string_view entry) { next.write(entry); });
      next.commit();
    } else if (made > 0) {
      std::string appended;
      put_records(slots, reviews, false, [&](std::string_view entry) { appended += entry; });
      core::append_to_file(file, appended);
    }
  } catch (const core::Error&) {
    // Read-only checkout, full disk: the next build parses the files not recorded.
  }
}

// Of the summary section, the first block with prose, which the feed and the review
// page's description quote (section_excerpt), renumbered as the only one.
struct SummaryExcerpt {
  std::vector<core::Section> sections;
  std::vector<core::Block> blocks;
};

SummaryExcerpt summary_excerpt(const core::Body& body) {
  SummaryExcerpt excerpt;
  const core::Section* summary = body.find_section("summary");
  if (summary == nullptr) return excerpt;
  core::Section& section = excerpt.sections.emplace_back(*summary);
  section.first_block = 0;
  section.end_block = 0;
  for (std::size_t b = summary->first_block; b < summary->end_block && b < body.blocks.size();
       ++b) {
    if (core::trim(block_prose(body.blocks[b])).empty()) continue;
    excerpt.blocks.push_back(body.blocks[b]);
    excerpt.blocks.back().section = 0;
    section.end_block = 1;
    break;
  }
  return excerpt;
}

} // namespace

std::string encode_record(const core::Review& review) {
  std::string bytes;
  Encoder out(bytes);
  out.put(review);
  const SummaryExcerpt excerpt = summary_excerpt(review.body);
  out.put(excerpt.sections);
  out.put(excerpt.blocks);
  return bytes;
}

bool decode_record(std::string_view bytes, core::Review& review) {
  review.front_matter_ok = true;
  Decoder in(bytes);
  in.get(review);
  in.get(review.body.sections);
  in.get(review.body.blocks);
  return in.ok();
}

ReviewSource take_source(core::Review& review) {
  ReviewSource source{
      digest_of(review.source.text), review.body_text().size(), {}, body_plain_text(review)};
  SummaryExcerpt excerpt = summary_excerpt(review.body);
  review.body.sections = std::move(excerpt.sections);
  review.body.blocks = std::move(excerpt.blocks);
  return source;
}

SiteReviews load_site_reviews(const core::Config& config, std::span<const fs::path> files,
                              std::span<const std::string> paths, unsigned threads,
                              const core::ReviewTrim& trim, const fs::path& records_file,
                              const fs::path& front_matter_file) {
  const std::int64_t started = now_ns();
  const RecordsFile kept = read_records(records_file, config.text);
  // The front-matter cache (22 MiB at 10,000 reviews) pays off only when most files
  // are parsed, that is without records; with them, the few changed files parse faster
  // than the cache is read and written back.
  core::FrontMatterCache front_matters(kept.records.empty() ? front_matter_file : fs::path());
  // Each review is made in its place in the result; the files that could not be
  // loaded are taken out afterwards.
  SiteReviews result;
  std::vector<core::Review>& reviews = result.scan.reviews;
  reviews.resize(files.size());
  result.sources.resize(files.size());
  std::vector<Slot> slots(files.size());
  parallel_for(files.size(), threads, [&](std::size_t i) {
    Slot& slot = slots[i];
    core::Review& review = reviews[i];
    std::string path = paths[i];
    // The state is taken before the file is read: a change after it shows next time.
    std::optional<FileState> state;
    if (!records_file.empty()) state = state_of(files[i]);
    if (state) {
      const auto found = kept.records.find(path);
      if (found != kept.records.end() && found->second.state == *state) {
        if (decode_record(found->second.review, review)) {
          review.path = std::move(path);
          result.sources[i] = {found->second.text, found->second.body_bytes, files[i], {}};
          slot.from_record = true;
          slot.record = found->second;
          return;
        }
        review = core::Review();
      }
    }
    core::LoadedReview loaded = core::load_review(config, files[i], &front_matters);
    if (!loaded.review) {
      slot.problem = std::move(loaded.problem);
      return;
    }
    review = std::move(*loaded.review);
    if (trim) trim(review);
    result.sources[i] = take_source(review);
    // Only a review that builds cleanly is recorded: one with errors is reported on
    // every build, from a fresh parse.
    if (state && review.front_matter_ok && review.diagnostics.empty() &&
        state->modified_ns < started - k_racy_ns) {
      slot.encoded = encode_record(review);
      slot.record = Record{*state, result.sources[i].text, result.sources[i].body_bytes, {}};
    }
  });

  front_matters.save(true); // a no-op unless it was used, and then it read every file
  if (!records_file.empty()) keep_records(records_file, config.text, kept, slots, reviews);

  std::size_t loaded_count = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].problem) {
      result.scan.problems.push_back(std::move(*slots[i].problem));
      continue;
    }
    if (!slots[i].from_record) ++result.parsed;
    if (loaded_count != i) {
      reviews[loaded_count] = std::move(reviews[i]);
      result.sources[loaded_count] = std::move(result.sources[i]);
    }
    ++loaded_count;
  }
  reviews.resize(loaded_count);
  result.sources.resize(loaded_count);
  return result;
}

} // namespace review::site
