// md4c adapter: the only file that includes md4c.h. md4c reports no offsets, but
// the text pointers it hands to callbacks point into our buffer for ordinary text,
// which gives each run its line and column; text that md4c synthesises (entities,
// NUL replacements) takes the position of the text before it.
#include "core/markdown.hpp"

#include "core/config.hpp"
#include "core/text.hpp"

#include <md4c.h>

#include <algorithm>
#include <string_view>

namespace review::core {

LineIndex::LineIndex(std::string_view text, int first_line)
    : m_text(text), m_first_line(first_line) {
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') m_line_starts.push_back(i + 1);
  }
}

Position LineIndex::position_of(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto line = static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
  const int line_number = static_cast<int>(line) + m_first_line;
  std::size_t start = m_line_starts[line];
  int column = 1;
  if (m_last_position.line == line_number && m_last_offset <= offset) {
    start = m_last_offset;
    column = m_last_position.column;
  }
  column += static_cast<int>(count_code_points(m_text.substr(start, offset - start)));
  m_last_offset = offset;
  m_last_position = Position{line_number, column};
  return m_last_position;
}

namespace {

// The last run starting at or before `offset`, or nullptr. Runs tile Block::text in
// order, so a binary search finds it: rules ask once per match, and a block can hold
// a million runs.
const Run* run_at(const std::vector<Run>& runs, std::size_t offset) {
  const auto it =
      std::upper_bound(runs.begin(), runs.end(), offset,
                       [](std::size_t value, const Run& run) { return value < run.offset; });
  return it == runs.begin() ? nullptr : &*(it - 1);
}

} // namespace

Position Block::position_at(std::size_t offset) const {
  const Run* found = run_at(runs, offset);
  if (found == nullptr) return position;
  if (found->kind == RunKind::line_break) return found->position;
  const std::size_t within = std::min(offset - found->offset, found->length);
  const auto advance = count_code_points(std::string_view(text).substr(found->offset, within));
  return Position{found->position.line, found->position.column + static_cast<int>(advance)};
}

bool Block::is_code_at(std::size_t offset) const {
  if (kind == BlockKind::code_block) return true;
  const Run* run = run_at(runs, offset);
  return run != nullptr && offset < run->offset + run->length &&
         (run->kind == RunKind::code || run->kind == RunKind::html);
}

std::string_view action_status_name(ActionStatus status) {
  switch (status) {
  case ActionStatus::open:
    return "open";
  case ActionStatus::done:
    return "done";
  case ActionStatus::dropped:
    return "dropped";
  }
  return "open";
}

const Section* Body::find_section(std::string_view id) const {
  for (const auto& section : sections) {
    if (section.id == id) return &section;
  }
  return nullptr;
}

namespace {

// Splits "team: what (owner: X; due: Y)" into its parts.
// Offset of the `open` that the final `close` of `text` closes, counting nested pairs,
// so "(owner: Priya Nair (PM); due: …)" is read whole; npos when they do not balance.
std::size_t matching_open(std::string_view text, std::string_view open, std::string_view close) {
  int depth = 0;
  for (std::size_t at = text.size(); at > 0;) {
    if (at >= close.size() && text.substr(at - close.size(), close.size()) == close) {
      ++depth;
      at -= close.size();
    } else if (at >= open.size() && text.substr(at - open.size(), open.size()) == open) {
      at -= open.size();
      if (--depth == 0) return at;
    } else {
      --at;
    }
  }
  return std::string_view::npos;
}

void parse_action_text(Action& action, const Block& block) {
  std::string_view text = trim(block.text);
  action.raw = std::string(text);
  const std::size_t text_start = static_cast<std::size_t>(text.data() - block.text.data());
  action.team_position = block.position_at(text_start);

  // Team prefix: one word before ':' or '：'.
  for (std::string_view colon : {std::string_view(":"), std::string_view("\xEF\xBC\x9A")}) {
    const std::size_t at = text.find(colon);
    if (at == std::string_view::npos || at == 0 || at > 40) continue;
    const std::string_view word = trim(text.substr(0, at));
    if (word.find(' ') != std::string_view::npos || word.find('(') != std::string_view::npos)
      continue;
    action.team = to_lower_ascii(word);
    text = trim(text.substr(at + colon.size()));
    break;
  }

  // Trailing "(key: value; key: value)", half- or full-width parentheses.
  std::string_view fields;
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                             {"\xEF\xBC\x88", "\xEF\xBC\x89"}}) {
    if (!text.ends_with(close)) continue;
    const std::size_t at = matching_open(text, open, close);
    if (at == std::string_view::npos) continue;
    const std::string_view inside =
        text.substr(at + open.size(), text.size() - at - open.size() - close.size());
    if (inside.find(':') == std::string_view::npos &&
        inside.find("\xEF\xBC\x9A") == std::string_view::npos)
      continue;
    fields = inside;
    text = trim(text.substr(0, at));
    break;
  }
  action.text = std::string(text);

  std::string normalised(fields);
  for (std::string_view from : {"\xEF\xBC\x9B", "\xEF\xBC\x8C", ","}) {
    for (std::size_t at; (at = normalised.find(from)) != std::string::npos;)
      normalised.replace(at, from.size(), ";");
  }
  for (std::size_t at; (at = normalised.find("\xEF\xBC\x9A")) != std::string::npos;)
    normalised.replace(at, 3, ":");
  std::string_view rest = normalised;
  while (!rest.empty()) {
    const std::size_t end = rest.find(';');
    const std::string_view item = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = to_lower_ascii(trim(item.substr(0, colon)));
    const std::string value(trim(item.substr(colon + 1)));
    if (key == "\xE8\xB4\x9F\xE8\xB4\xA3\xE4\xBA\xBA") key = "owner"; // 负责人
    if (key == "\xE6\x88\xAA\xE6\xAD\xA2" ||
        key == "\xE6\x88\xAA\xE6\xAD\xA2\xE6\x97\xA5\xE6\x9C\x9F")
      key = "due"; // 截止, 截止日期
    action.fields[key] = value;
  }
  if (auto it = action.fields.find("owner"); it != action.fields.end()) action.owner = it->second;
  if (auto it = action.fields.find("due"); it != action.fields.end()) {
    action.due_text = it->second;
    action.due = parse_iso_date(it->second);
  }

  // A struck-through item is dropped.
  const std::size_t first = text_start;
  const std::size_t last = text_start + trim(block.text).size();
  for (const auto& span : block.spans) {
    if (span.kind == InlineKind::strikethrough && span.begin <= first && span.end >= last) {
      action.status = ActionStatus::dropped;
    }
  }
}

struct PendingTask {
  char mark = ' ';
  Position mark_position;
  bool claimed = false;
  std::size_t block_index = 0;
};

struct OpenSpan {
  InlineKind kind;
  std::size_t begin;
  std::string href;
  bool is_image = false;
};

class Builder {
public:
  Builder(std::string_view text, std::size_t body_offset, const SectionCatalog& catalog)
      : m_text(text), m_body_begin(text.data() + body_offset),
        m_body_end(text.data() + text.size()), m_body_offset(body_offset), m_index(text),
        m_catalog(catalog) {}

  Body take() {
    flush();
    close_section();
    // A build holds every review's blocks at once: growth slack was a third of them.
    m_body.blocks.shrink_to_fit();
    for (Block& block : m_body.blocks) block.runs.shrink_to_fit();
    return std::move(m_body);
  }

  void enter_block(MD_BLOCKTYPE type, void* detail) {
    flush();
    m_stack.push_back(type);
    switch (type) {
    case MD_BLOCK_QUOTE:
      ++m_quote_depth;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      ++m_list_depth;
      break;
    case MD_BLOCK_LI: {
      const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
      if (li->is_task != 0) {
        PendingTask task;
        task.mark = li->task_mark;
        const std::size_t mark = m_body_offset + li->task_mark_offset;
        task.mark_position = m_index.position_of(mark > 0 ? mark - 1 : mark);
        m_tasks.emplace_back(task);
      } else {
        m_tasks.emplace_back(std::nullopt);
      }
      break;
    }
    case MD_BLOCK_H:
      m_heading_level = static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
      break;
    default:
      break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) {
    flush();
    if (!m_stack.empty()) m_stack.pop_back();
    switch (type) {
    case MD_BLOCK_QUOTE:
      --m_quote_depth;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      --m_list_depth;
      break;
    case MD_BLOCK_LI:
      if (!m_tasks.empty()) {
        if (m_tasks.back() && m_tasks.back()->claimed) finish_task(*m_tasks.back());
        m_tasks.pop_back();
      }
      break;
    default:
      break;
    }
  }

  void enter_span(MD_SPANTYPE type, void* detail) {
    OpenSpan span{InlineKind::emphasis, current().text.size(), {}, false};
    switch (type) {
    case MD_SPAN_EM:
      span.kind = InlineKind::emphasis;
      break;
    case MD_SPAN_STRONG:
      span.kind = InlineKind::strong;
      break;
    case MD_SPAN_DEL:
      span.kind = InlineKind::strikethrough;
      break;
    case MD_SPAN_CODE:
      span.kind = InlineKind::code;
      break;
    case MD_SPAN_A: {
      const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
      span.kind = InlineKind::link;
      span.href.assign(a->href.text, a->href.size);
      m_link_position.push_back(m_last_position);
      break;
    }
    case MD_SPAN_IMG: {
      const auto* img = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
      span.kind = InlineKind::link;
      span.href.assign(img->src.text, img->src.size);
      span.is_image = true;
      m_link_position.push_back(m_last_position);
      break;
    }
    default:
      return;
    }
    m_spans.push_back(std::move(span));
    m_span_types.push_back(type);
  }

  void leave_span(MD_SPANTYPE type) {
    if (m_span_types.empty() || m_span_types.back() != type) return;
    m_span_types.pop_back();
    OpenSpan span = std::move(m_spans.back());
    m_spans.pop_back();
    Block& block = current();
    block.spans.push_back(InlineSpan{span.kind, span.begin, block.text.size()});
    if (span.kind == InlineKind::link) {
      Link link;
      link.href = std::move(span.href);
      link.text = block.text.substr(span.begin);
      link.is_image = span.is_image;
      link.position = m_link_start.value_or(m_link_position.back());
      m_link_position.pop_back();
      m_link_start.reset();
      m_body.links.push_back(std::move(link));
    }
  }

  void text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    Block& block = current();
    Run run;
    run.offset = block.text.size();
    if (data >= m_body_begin && data + size <= m_body_end) {
      run.position = m_index.position_of(static_cast<std::size_t>(data - m_text.data()));
    } else {
      run.position = m_last_position;
    }
    switch (type) {
    case MD_TEXT_CODE:
      run.kind = in_code_block() ? RunKind::text : RunKind::code;
      break;
    case MD_TEXT_HTML:
      run.kind = RunKind::html;
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      run.kind = RunKind::line_break;
      break;
    default:
      run.kind = RunKind::text;
      break;
    }
    if (type == MD_TEXT_NULLCHAR) {
      block.text += "\xEF\xBF\xBD";
    } else if (run.kind == RunKind::line_break) {
      block.text += '\n';
    } else {
      block.text.append(data, size);
    }
    run.length = block.text.size() - run.offset;
    if (block.runs.empty()) block.position = run.position;
    if (!m_link_position.empty() && !m_link_start && run.kind != RunKind::line_break)
      m_link_start = run.position;
    m_last_position = run.position;
    if (data >= m_body_begin && data + size <= m_body_end && run.kind != RunKind::line_break &&
        type != MD_TEXT_NULLCHAR) {
      push_pieces(block, run, static_cast<std::size_t>(data - m_text.data()));
    } else {
      block.runs.push_back(run);
    }
  }

private:
  // Cuts a run of text copied from the file into pieces of at most k_max_run_bytes
  // (at a space when one is near, always between code points), each with its own
  // position. Block::position_at counts code points from a run's start, so one
  // 4 MiB line would otherwise make every finding in it cost a full count: quadratic.
  void push_pieces(Block& block, const Run& run, std::size_t file_offset) {
    constexpr std::size_t k_max_run_bytes = 4096;
    const std::string_view text = std::string_view(block.text).substr(run.offset, run.length);
    const auto is_continuation = [&](std::size_t at) {
      return (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U;
    };
    std::size_t begin = 0;
    while (text.size() - begin > k_max_run_bytes) {
      const std::size_t space = text.substr(begin, k_max_run_bytes).rfind(' ');
      std::size_t cut = (space == std::string_view::npos || space < k_max_run_bytes / 2)
                            ? begin + k_max_run_bytes
                            : begin + space + 1;
      while (cut < text.size() && is_continuation(cut)) ++cut;
      Run piece = run;
      piece.offset = run.offset + begin;
      piece.length = cut - begin;
      if (begin > 0) piece.position = m_index.position_of(file_offset + begin);
      block.runs.push_back(piece);
      begin = cut;
    }
    Run last = run;
    last.offset = run.offset + begin;
    last.length = text.size() - begin;
    if (begin > 0) last.position = m_index.position_of(file_offset + begin);
    block.runs.push_back(last);
  }

  bool in_code_block() const { return !m_stack.empty() && m_stack.back() == MD_BLOCK_CODE; }

  BlockKind leaf_kind() const {
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
      switch (*it) {
      case MD_BLOCK_P:
        return BlockKind::paragraph;
      case MD_BLOCK_H:
        return BlockKind::heading;
      case MD_BLOCK_LI:
        return BlockKind::list_item;
      case MD_BLOCK_TD:
      case MD_BLOCK_TH:
        return BlockKind::table_cell;
      case MD_BLOCK_CODE:
        return BlockKind::code_block;
      case MD_BLOCK_HTML:
        return BlockKind::html_block;
      default:
        break;
      }
    }
    return BlockKind::paragraph;
  }

  Block& current() {
    if (!m_current) {
      m_current.emplace();
      m_current->kind = leaf_kind();
      m_current->quote_depth = m_quote_depth;
      m_current->list_depth = m_list_depth;
      m_current->position = m_last_position;
    }
    return *m_current;
  }

  void flush() {
    if (!m_current) return;
    Block block = std::move(*m_current);
    m_current.reset();
    m_spans.clear();
    m_span_types.clear();
    m_link_position.clear();
    m_link_start.reset();
    if (block.kind == BlockKind::heading) {
      start_section(block);
      return;
    }
    block.section = static_cast<int>(m_body.sections.size()) - 1;
    collect_comments(block);
    if (!m_body.sections.empty() && has_content(block)) m_body.sections.back().has_content = true;
    if (!m_tasks.empty() && m_tasks.back() && !m_tasks.back()->claimed) {
      m_tasks.back()->claimed = true;
      m_tasks.back()->block_index = m_body.blocks.size();
    }
    m_body.blocks.push_back(std::move(block));
  }

  void start_section(Block& heading) {
    const std::string text(trim(heading.text));
    const auto id = m_catalog.match(text);
    if (id || m_heading_level <= 2) {
      close_section();
      Section section;
      section.id = id.value_or("");
      section.heading = text;
      section.level = m_heading_level;
      section.position = heading.position;
      m_body.sections.push_back(std::move(section));
    }
    heading.section = static_cast<int>(m_body.sections.size()) - 1;
    m_body.blocks.push_back(std::move(heading));
    if (!m_body.sections.empty()) m_body.sections.back().first_block = m_body.blocks.size();
  }

  void close_section() {
    if (!m_body.sections.empty()) m_body.sections.back().end_block = m_body.blocks.size();
  }

  static bool has_content(const Block& block) {
    std::string_view text = block.text;
    std::string rest;
    while (!text.empty()) {
      const std::size_t open = text.find("<!--");
      rest += text.substr(0, open);
      if (open == std::string_view::npos) break;
      const std::size_t close = text.find("-->", open + 4);
      if (close == std::string_view::npos) break;
      text.remove_prefix(close + 3);
    }
    return !trim(rest).empty();
  }

  void collect_comments(const Block& block) {
    const std::string_view text = block.text;
    for (std::size_t at = text.find("<!--"); at != std::string_view::npos;
         at = text.find("<!--", at + 4)) {
      if (block.kind != BlockKind::html_block) {
        // Inline: only inside raw HTML runs, not in code spans.
        const Run* run = run_at(block.runs, at);
        if (run == nullptr || at >= run->offset + run->length || run->kind != RunKind::html)
          continue;
      }
      const std::size_t close = text.find("-->", at + 4);
      Comment comment;
      comment.text = std::string(
          text.substr(at + 4, (close == std::string_view::npos ? text.size() : close) - at - 4));
      comment.position = block.position_at(at);
      comment.section = block.section;
      comment.is_block = block.kind == BlockKind::html_block;
      m_body.comments.push_back(std::move(comment));
      if (close == std::string_view::npos) break;
    }
  }

  void finish_task(const PendingTask& task) {
    const Block& block = m_body.blocks[task.block_index];
    if (block.section < 0 ||
        m_body.sections[static_cast<std::size_t>(block.section)].id != "next-time")
      return;
    Action action;
    action.position = task.mark_position;
    action.status =
        (task.mark == 'x' || task.mark == 'X') ? ActionStatus::done : ActionStatus::open;
    parse_action_text(action, block);
    m_body.actions.push_back(std::move(action));
  }

  std::string_view m_text;
  const char* m_body_begin;
  const char* m_body_end;
  std::size_t m_body_offset;
  LineIndex m_index;
  const SectionCatalog& m_catalog;

  Body m_body;
  std::vector<MD_BLOCKTYPE> m_stack;
  std::optional<Block> m_current;
  std::vector<OpenSpan> m_spans;
  std::vector<MD_SPANTYPE> m_span_types;
  std::vector<std::optional<PendingTask>> m_tasks;
  std::vector<Position> m_link_position;
  std::optional<Position> m_link_start;
  Position m_last_position;
  int m_quote_depth = 0;
  int m_list_depth = 0;
  int m_heading_level = 1;
};

Builder& builder_of(void* userdata) {
  return *static_cast<Builder*>(userdata);
}

} // namespace

Body parse_markdown(std::string_view text, std::size_t body_offset, const SectionCatalog& catalog) {
  Builder builder(text, body_offset, catalog);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
    builder_of(userdata).enter_block(type, detail);
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void*, void* userdata) {
    builder_of(userdata).leave_block(type);
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE type, void* detail, void* userdata) {
    builder_of(userdata).enter_span(type, detail);
    return 0;
  };
  parser.leave_span = [](MD_SPANTYPE type, void*, void* userdata) {
    builder_of(userdata).leave_span(type);
    return 0;
  };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* userdata) {
    builder_of(userdata).text(type, data, size);
    return 0;
  };
  const std::string_view body = text.substr(body_offset);
  md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &builder);
  return builder.take();
}

} // namespace review::core
