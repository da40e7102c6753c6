// Reading a review's body the way the rules need it: the blocks of a section, prose
// without code or HTML, whole-word search, the language a review is written in.
#pragma once

#include "core/markdown.hpp"
#include "core/review.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::lint {

// The blocks under a section's heading (its sub-headings included).
std::span<const core::Block> section_blocks(const core::Body& body, const core::Section& section);

// Prose blocks: paragraphs, list items and table cells (not headings, code or HTML blocks).
bool is_prose_block(const core::Block& block);
// The kind of the run holding `offset` (text when there is none).
core::RunKind run_kind_at(const core::Block& block, std::size_t offset);
// True when `offset` is in the writer's prose: not code, not raw HTML, not a comment.
bool is_prose_at(const core::Block& block, std::size_t offset);

// A block's text with code spans and raw HTML replaced by spaces, offsets kept.
std::string prose_of(const core::Block& block);
// The prose of a section's blocks, one block per line.
std::string section_prose(const core::Body& body, const core::Section& section);

// Offsets where `word` occurs in `text` as a whole word (ASCII letters and digits
// bound words); `ignore_case` folds ASCII letters only.
std::vector<std::size_t> find_words(std::string_view text, std::string_view word, bool ignore_case);
bool contains_word(std::string_view text, std::string_view word, bool ignore_case = true);

// True when Chinese, Japanese or Korean characters outweigh Latin words (a CJK
// character is about half a word, a Latin word about five letters).
bool is_mostly_cjk(std::string_view text);

// Where a finding about the whole end of the file goes: the last line with text.
core::Position end_of_file(const core::Review& review);

} // namespace review::lint
