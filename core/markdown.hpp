// The Markdown body as the rules and the site need it: sections recognised by
// heading, text blocks with a position for every byte, actions, links, comments.
// Built by core/markdown.cpp, the only file that sees md4c.
#pragma once

#include "core/date.hpp"
#include "core/diagnostic.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

struct SectionCatalog; // core/config.hpp

enum class RunKind {
  text,       // ordinary prose
  code,       // inline code span
  html,       // inline raw HTML (comments included)
  line_break, // a soft or hard break, stored as "\n"
};

struct Run {
  std::size_t offset = 0; // into Block::text
  std::size_t length = 0;
  Position position; // where the run's first byte sits in the file
  RunKind kind = RunKind::text;
};

enum class InlineKind { emphasis, strong, strikethrough, link, code };

struct InlineSpan {
  InlineKind kind = InlineKind::emphasis;
  std::size_t begin = 0; // [begin, end) in Block::text
  std::size_t end = 0;
};

enum class BlockKind { paragraph, heading, list_item, table_cell, code_block, html_block };

// A leaf of text: a paragraph, a heading, the text of a list item, a table cell,
// a code block or an HTML block.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  std::vector<Run> runs;
  std::vector<InlineSpan> spans;
  int quote_depth = 0; // > 0 inside a blockquote
  int list_depth = 0;  // > 0 inside a list
  int section = -1;    // index into Body::sections; -1 before the first heading
  Position position;   // of the first byte of text

  // File position of the byte at `offset` in `text`.
  Position position_at(std::size_t offset) const;
  // True when `offset` falls in an inline code span or raw HTML.
  bool is_code_at(std::size_t offset) const;
  bool is_code() const { return kind == BlockKind::code_block; }
};

struct Section {
  std::string id;      // "summary", "value", … or "" when the heading is not recognised
  std::string heading; // as written
  int level = 2;
  Position position;           // of the heading text
  std::size_t first_block = 0; // blocks [first_block, end_block) after the heading
  std::size_t end_block = 0;
  bool has_content = false; // anything besides HTML comments and whitespace
};

enum class ActionStatus { open, done, dropped };
std::string_view action_status_name(ActionStatus status);

// "- [ ] product: Ship audit export (owner: Priya Nair; due: 2026-10-15)"
struct Action {
  std::string team;                          // "product"; empty when the item has no "team:" prefix
  std::string text;                          // "Ship audit export"
  std::string owner;                         // "Priya Nair"
  std::string due_text;                      // "2026-10-15" as written
  std::optional<Date> due;                   // when due_text is a valid ISO date
  std::map<std::string, std::string> fields; // every "key: value" in the parentheses
  ActionStatus status = ActionStatus::open;
  std::string raw;        // the item's whole text
  Position position;      // of the task mark's '['
  Position team_position; // of the team word (or the text start)
};

struct Link {
  std::string href;
  std::string text;
  Position position;
  bool is_image = false;
};

struct Comment {
  std::string text;  // between "<!--" and "-->", untrimmed
  Position position; // of "<!--"
  int section = -1;
  bool is_block = false; // an HTML block of its own (not inline in a paragraph)
};

struct Body {
  std::vector<Section> sections;
  std::vector<Block> blocks;
  std::vector<Action> actions; // task items of the next-time section
  std::vector<Link> links;
  std::vector<Comment> comments;

  const Section* find_section(std::string_view id) const;
};

// Parses the body of `text` (the whole normalised file) from byte `body_offset`,
// so that every position is in file coordinates.
Body parse_markdown(std::string_view text, std::size_t body_offset, const SectionCatalog& catalog);

// Maps byte offsets of a text to 1-based line:column (column in code points).
class LineIndex {
public:
  LineIndex(std::string_view text, int first_line = 1);
  Position position_of(std::size_t offset) const;

private:
  std::string_view m_text;
  int m_first_line;
  std::vector<std::size_t> m_line_starts;
  // The last answer: callers ask in increasing order along a line, so the next column
  // is counted from here rather than from the line start (a 4 MiB one-line review
  // would otherwise cost one full count per text run: quadratic). Not thread-safe.
  mutable std::size_t m_last_offset = 0;
  mutable Position m_last_position{};
};

} // namespace review::core
