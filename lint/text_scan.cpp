#include "lint/text_scan.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace review::lint {
namespace {

bool is_word_byte(char c) {
  return core::is_ascii_alnum(c) || c == '_';
}

char fold(char c, bool ignore_case) {
  return ignore_case ? core::to_lower_ascii(c) : c;
}

bool is_cjk_letter(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xAC00 && c <= 0xD7AF);
}

} // namespace

std::span<const core::Block> section_blocks(const core::Body& body, const core::Section& section) {
  const std::size_t end = std::min(section.end_block, body.blocks.size());
  const std::size_t begin = std::min(section.first_block, end);
  return std::span<const core::Block>(body.blocks).subspan(begin, end - begin);
}

bool is_prose_block(const core::Block& block) {
  return block.kind == core::BlockKind::paragraph || block.kind == core::BlockKind::list_item ||
         block.kind == core::BlockKind::table_cell;
}

core::RunKind run_kind_at(const core::Block& block, std::size_t offset) {
  // Runs tile Block::text in order, so only the last run starting at or before
  // `offset` can hold it. A binary search, because rules ask once per match and one
  // line of inline comments makes a block of a hundred thousand runs.
  const auto after =
      std::upper_bound(block.runs.begin(), block.runs.end(), offset,
                       [](std::size_t value, const core::Run& run) { return value < run.offset; });
  if (after == block.runs.begin()) return core::RunKind::text;
  const core::Run& run = *(after - 1);
  return offset < run.offset + run.length ? run.kind : core::RunKind::text;
}

bool is_prose_at(const core::Block& block, std::size_t offset) {
  if (!is_prose_block(block)) return false;
  const core::RunKind kind = run_kind_at(block, offset);
  return kind == core::RunKind::text || kind == core::RunKind::line_break;
}

std::string prose_of(const core::Block& block) {
  std::string text = block.text;
  for (const auto& run : block.runs) {
    if (run.kind != core::RunKind::code && run.kind != core::RunKind::html) continue;
    for (std::size_t i = run.offset; i < run.offset + run.length && i < text.size(); ++i) {
      if (text[i] != '\n') text[i] = ' ';
    }
  }
  return text;
}

std::string section_prose(const core::Body& body, const core::Section& section) {
  std::string text;
  for (const auto& block : section_blocks(body, section)) {
    if (!is_prose_block(block)) continue;
    text += prose_of(block);
    text += '\n';
  }
  return text;
}

std::vector<std::size_t> find_words(std::string_view text, std::string_view word,
                                    bool ignore_case) {
  std::vector<std::size_t> found;
  if (word.empty() || word.size() > text.size()) return found;
  const char first = fold(word.front(), ignore_case);
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (!ignore_case) { // the library's find skips to candidates much faster than a byte loop
      at = text.find(word, at);
      if (at == std::string_view::npos) break;
    } else if (fold(text[at], true) != first) {
      continue;
    } else {
      bool same = true;
      for (std::size_t i = 1; i < word.size() && same; ++i)
        same = fold(text[at + i], true) == fold(word[i], true);
      if (!same) continue;
    }
    const bool starts = at == 0 || !is_word_byte(text[at - 1]) || !is_word_byte(word.front());
    const std::size_t end = at + word.size();
    const bool ends = end == text.size() || !is_word_byte(text[end]) || !is_word_byte(word.back());
    if (starts && ends) found.push_back(at);
  }
  return found;
}

bool contains_word(std::string_view text, std::string_view word, bool ignore_case) {
  return !find_words(text, word, ignore_case).empty();
}

bool is_mostly_cjk(std::string_view text) {
  std::size_t cjk = 0;
  std::size_t latin = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = core::decode_utf8(text, i);
    if (is_cjk_letter(c))
      ++cjk;
    else if (core::is_ascii_alpha(c))
      ++latin;
  }
  return cjk > 0 && cjk * 5 >= latin * 2;
}

core::Position end_of_file(const core::Review& review) {
  std::string_view text = review.source.text;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  int line = 1;
  for (char c : text) line += c == '\n' ? 1 : 0;
  return core::Position{line, 1};
}

} // namespace review::lint
