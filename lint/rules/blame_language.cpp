// blame-language: blame, shame and hindsight in the review's own words, in English and
// Chinese — a person or our team with a verb of fault, hindsight counterfactuals,
// character judgements, blame idioms, polite or passive-aggressive blame, punitive
// language and self-shame. Why: an environment of blame rarely yields insight; people
// stop saying what they saw. A review says what happened and what we will do next time.
//   bad:  Mark dropped the ball on the security questionnaire; we should have pushed harder.
//   good: The questionnaire had no owner after the pilot; next time the SE owns it.
// Not blame: things failing ("the SSO connector failed"), plans ("next time we should…"),
// negations ("no one is at fault"), the customer's quoted words, code, blockquotes and
// technical terms ("fault tolerance", 责任划分). The phrase lists are data (lint/data/).
#include "lint/rules/blame_language.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "embedded/review_lint_data.hpp"
#include "lint/options.hpp"
#include "lint/rules/rules.hpp"
#include "lint/text_scan.hpp"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>

namespace review::lint {
namespace {

// Literal words shorter than this are not used to pick candidate patterns ("we", "i"
// would select nearly every sentence); 3 bytes is one Chinese character.
constexpr int k_min_atom_length = 3;
constexpr std::size_t k_phrase_width = 60; // code points of a matched phrase quoted in a message

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

struct Category {
  std::string id;
  std::string message; // "{phrase}" stands for the matched words
  std::string hint;
};

struct Pattern {
  const Category* category = nullptr;
  bool always = false;      // not relaxed by ignore rows
  bool has_subject = false; // capture group 1 is the sentence's subject
};

// Which of a set of lowercase byte strings occur in a text, ignoring ASCII case
// (Aho–Corasick as a dense automaton over the bytes the strings use): one table lookup
// per byte, whatever the number of strings. RE2 can do this too, but an RE2::Set of
// ~1,700 literal words runs at under 20 MB/s.
class LiteralMatcher {
public:
  explicit LiteralMatcher(const std::vector<std::string>& words) : m_word_count(words.size()) {
    m_class.fill(0);
    for (const auto& word : words) {
      m_longest = std::max(m_longest, word.size());
      for (const char c : word) {
        auto& entry = m_class[static_cast<unsigned char>(c)];
        if (entry == 0) entry = static_cast<std::uint16_t>(++m_classes);
      }
    }
    ++m_classes; // class 0: bytes no word uses
    for (char c = 'A'; c <= 'Z'; ++c)
      m_class[static_cast<unsigned char>(c)] = m_class[static_cast<unsigned char>(c - 'A' + 'a')];
    // The trie, built straight into the table (one node per distinct prefix, counted
    // first so the table is allocated once; 0 marks a missing edge, as no edge leads
    // back to the root), then each node's missing transitions filled in from its
    // fallback (its longest proper suffix in the trie), breadth first so that every
    // fallback is complete before it is used.
    const std::size_t nodes = count_prefixes(words) + 1;
    if (nodes > k_node_mask)
      throw core::Error("the blame phrase lists hold too many distinct words");
    m_next.assign(nodes * m_classes, 0);
    std::vector<std::vector<int>> outputs(1);
    outputs.reserve(nodes);
    for (std::size_t word = 0; word < words.size(); ++word) {
      std::size_t node = 0;
      for (const char c : words[word]) {
        auto& cell = m_next[node * m_classes + m_class[static_cast<unsigned char>(c)]];
        if (cell == 0) {
          cell = static_cast<std::uint16_t>(outputs.size());
          outputs.emplace_back();
        }
        node = cell;
      }
      outputs[node].push_back(static_cast<int>(word));
    }
    std::vector<std::uint16_t> fallback(outputs.size(), 0);
    std::vector<std::uint16_t> queue;
    for (std::size_t cls = 0; cls < m_classes; ++cls) {
      if (m_next[cls] != 0) queue.push_back(m_next[cls]);
    }
    for (std::size_t at = 0; at < queue.size(); ++at) {
      const std::size_t node = queue[at];
      const auto& inherited = outputs[fallback[node]];
      outputs[node].insert(outputs[node].end(), inherited.begin(), inherited.end());
      for (std::size_t cls = 0; cls < m_classes; ++cls) {
        auto& cell = m_next[node * m_classes + cls];
        const std::uint16_t via_fallback = m_next[fallback[node] * m_classes + cls];
        if (cell != 0) {
          fallback[cell] = via_fallback;
          queue.push_back(cell);
        } else {
          cell = via_fallback;
        }
      }
    }
    for (auto& cell : m_next) {
      if (!outputs[cell].empty()) cell = static_cast<std::uint16_t>(cell | k_has_words);
    }
    m_first_output.assign(outputs.size() + 1, 0);
    for (std::size_t node = 0; node < outputs.size(); ++node) {
      m_first_output[node + 1] = m_first_output[node] + outputs[node].size();
      m_outputs.insert(m_outputs.end(), outputs[node].begin(), outputs[node].end());
    }
  }

  // Indices of the words found in `text`, ascending, each once.
  std::vector<int> find(std::string_view text) const {
    std::vector<std::uint64_t> seen((m_word_count + 63) / 64, 0);
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    // Each step waits for the table lookup before it (the table is 2 MB, beyond the
    // fastest caches), so one walk leaves the core idle on every byte; up to four
    // walks over as many parts of the text, interleaved, overlap their waits.
    switch (std::min<std::size_t>(4, text.size() / (2 * m_longest))) {
    case 4:
      walk_interleaved<4>(bytes, text.size(), seen);
      break;
    case 3:
      walk_interleaved<3>(bytes, text.size(), seen);
      break;
    case 2:
      walk_interleaved<2>(bytes, text.size(), seen);
      break;
    default:
      walk(bytes, bytes + text.size(), 0, seen);
      break;
    }
    std::vector<int> found;
    for (std::size_t chunk = 0; chunk < seen.size(); ++chunk) {
      for (std::uint64_t bits = seen[chunk]; bits != 0; bits &= bits - 1)
        found.push_back(
            static_cast<int>(chunk * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
    }
    return found;
  }

private:
  static constexpr std::uint32_t k_has_words = 0x8000; // a state where some word ends
  static constexpr std::uint32_t k_node_mask = 0x7FFF;

  // The automaton's next node after `byte`, marking the words that end there.
  std::size_t step(std::size_t node, unsigned char byte, std::vector<std::uint64_t>& seen) const {
    const std::size_t entry = m_next[node * m_classes + m_class[byte]];
    node = entry & k_node_mask;
    if ((entry & k_has_words) != 0) {
      for (std::size_t i = m_first_output[node]; i < m_first_output[node + 1]; ++i) {
        const auto word = static_cast<std::size_t>(m_outputs[i]);
        seen[word / 64] |= std::uint64_t{1} << (word % 64);
      }
    }
    return node;
  }

  void walk(const unsigned char* at, const unsigned char* end, std::size_t node,
            std::vector<std::uint64_t>& seen) const {
    for (; at < end; ++at) node = step(node, *at, seen);
  }

  // `Walks` equal parts of a text of `size` bytes (each at least twice the longest
  // word), walked in step. A walk goes on past its part (longest word - 1 bytes) so
  // that a word across the border is found by the walk that saw it start.
  template <std::size_t Walks>
  void walk_interleaved(const unsigned char* bytes, std::size_t size,
                        std::vector<std::uint64_t>& seen) const {
    const std::size_t part = size / Walks;
    std::array<std::size_t, Walks> nodes{};
    for (std::size_t i = 0; i < part; ++i) {
      for (std::size_t w = 0; w < Walks; ++w) nodes[w] = step(nodes[w], bytes[w * part + i], seen);
    }
    for (std::size_t w = 0; w < Walks; ++w) {
      const std::size_t end = w + 1 == Walks ? size : (w + 1) * part + m_longest - 1;
      walk(bytes + (w + 1) * part, bytes + end, nodes[w], seen);
    }
  }

  // Distinct non-empty prefixes of `words`: the trie's nodes besides the root.
  static std::size_t count_prefixes(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    std::size_t count = 0;
    std::string_view previous;
    for (const auto& word : words) {
      const auto mismatch =
          std::mismatch(word.begin(), word.end(), previous.begin(), previous.end());
      count += static_cast<std::size_t>(word.end() - mismatch.first);
      previous = word;
    }
    return count;
  }

  std::array<std::uint16_t, 256> m_class{}; // byte → column (A–Z share a–z's)
  std::size_t m_classes = 0;
  std::vector<std::uint16_t> m_next;       // node * classes + column → next node | k_has_words
  std::vector<std::size_t> m_first_output; // node → range in m_outputs
  std::vector<int> m_outputs;              // words ending at each node, fallbacks included
  std::size_t m_word_count = 0;
  std::size_t m_longest = 0; // bytes in the longest word
};

// Patterns matched in two steps, so a text costs one pass over a few literal words
// plus the patterns those words make possible. Matching all patterns at once in one
// DFA is far slower: bounded gaps like [^.]{0,40} multiply its states.
class PatternList {
public:
  PatternList() : m_filter(k_min_atom_length) {}

  // Returns the pattern's index, or throws core::Error naming `where`.
  std::size_t add(const std::string& pattern, const std::string& where) {
    int index = -1;
    const RE2::ErrorCode code = m_filter.Add(pattern, pattern_options(), &index);
    if (code != RE2::NoError) {
      const RE2 failed(pattern, pattern_options());
      throw core::Error(fmt::format("{}: invalid pattern: {}", where, failed.error()));
    }
    return static_cast<std::size_t>(index);
  }

  void compile() {
    if (size() == 0) return; // FilteredRE2 logs an error when compiled empty
    std::vector<std::string> atoms;
    m_filter.Compile(&atoms);
    if (!atoms.empty()) m_atoms = std::make_unique<LiteralMatcher>(atoms);
  }

  std::size_t size() const { return static_cast<std::size_t>(m_filter.NumRegexps()); }
  const RE2& regex(std::size_t index) const { return m_filter.GetRE2(static_cast<int>(index)); }

  // The patterns that may match `text`, in list order.
  std::vector<int> candidates(std::string_view text) const {
    if (size() == 0) return {};
    const std::vector<int> atoms = m_atoms ? m_atoms->find(text) : std::vector<int>();
    std::vector<int> found;
    m_filter.AllPotentials(atoms, &found);
    std::sort(found.begin(), found.end());
    return found;
  }

private:
  re2::FilteredRE2 m_filter;
  std::unique_ptr<LiteralMatcher> m_atoms; // the filter's literal words
};

struct Candidate {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t priority = 0; // row order: earlier rows win ties
  const Category* category = nullptr;
  bool always = false;
};

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (std::size_t at = line.find(separator); at != std::string_view::npos;
       at = line.find(separator, start)) {
    fields.push_back(line.substr(start, at - start));
    start = at + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

std::size_t next_code_point(std::string_view text, std::size_t offset) {
  core::decode_utf8(text, offset);
  return offset;
}

// Calls `visit(begin, end, subject)` for each match of `regex`; a visit returning
// false rejects the match and the search resumes one character later.
template <class Visit>
void for_each_match(const RE2& regex, std::string_view text, bool with_subject, Visit visit) {
  std::array<re2::StringPiece, 2> groups;
  const int wanted = with_subject ? 2 : 1;
  const re2::StringPiece piece(text.data(), text.size());
  std::size_t position = 0;
  while (position <= text.size() &&
         regex.Match(piece, position, text.size(), RE2::UNANCHORED, groups.data(), wanted)) {
    const auto begin = static_cast<std::size_t>(groups[0].data() - text.data());
    const std::size_t end = begin + groups[0].size();
    const std::string_view subject = with_subject && groups[1].data() != nullptr
                                         ? std::string_view(groups[1].data(), groups[1].size())
                                         : std::string_view();
    const bool accepted = visit(begin, end, subject);
    if (begin >= text.size()) break;
    position = accepted && end > begin ? end : next_code_point(text, begin);
  }
}

// Quotation marks whose contents are someone else's words: (opening, closing).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_quotes = {{
    {"\u201C", "\u201D"}, // “ ”
    {"\u2018", "\u2019"}, // ‘ ’ (kind 1: a ’ followed by a letter is an apostrophe: don’t)
    {"\u300C", "\u300D"}, // 「 」
    {"\u300E", "\u300F"}, // 『 』
    {"\u00AB", "\u00BB"}, // « »
    {"\"", "\""},
}};

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The first byte of an opening mark: '"', or the lead byte of its UTF-8 form.
bool may_open_quote(char c) {
  return c == '"' || c == '\xE2' || c == '\xE3' || c == '\xC2';
}

std::size_t find_closing(std::string_view text, std::string_view closing, std::size_t from,
                         bool apostrophes) {
  for (std::size_t at = text.find(closing, from); at != std::string_view::npos;
       at = text.find(closing, at + 1)) {
    const std::size_t after = at + closing.size();
    if (!apostrophes || after >= text.size() || !is_ascii_letter(text[after])) return at;
  }
  return std::string_view::npos;
}

// Blanks quoted passages (marks included) to spaces, offsets kept; `masked` is only
// written when there is a quotation. A quotation ends at its paragraph: a mark not
// closed before the next "\n\n" hides nothing. A lead byte never occurs inside another
// UTF-8 sequence, so scanning bytes is safe. The next closing mark of each kind and the
// next paragraph break are remembered, so a text full of unclosed marks is read once.
void mask_quotes(std::string_view text, std::string& masked) {
  std::array<std::size_t, k_quotes.size()> next_close{}; // valid while >= the search start
  std::array<bool, k_quotes.size()> no_more{};           // no closing mark after this point
  std::size_t next_break = 0;                            // valid while >= the search start
  std::size_t at = 0;
  while (at < text.size()) {
    if (!may_open_quote(text[at])) {
      ++at;
      continue;
    }
    std::size_t end = at + 1;
    for (std::size_t kind = 0; kind < k_quotes.size(); ++kind) {
      const auto& [opening, closing] = k_quotes[kind];
      if (no_more[kind] || text.substr(at, opening.size()) != opening) continue;
      const std::size_t from = at + opening.size();
      if (next_close[kind] < from) next_close[kind] = find_closing(text, closing, from, kind == 1);
      if (next_close[kind] == std::string_view::npos) {
        no_more[kind] = true;
        continue;
      }
      if (next_break < from) next_break = std::min(text.find("\n\n", from), text.size());
      if (next_close[kind] > next_break) continue;
      end = next_close[kind] + closing.size();
      if (masked.empty()) masked = text;
      for (std::size_t i = at; i < end; ++i) {
        if (masked[i] != '\n') masked[i] = ' ';
      }
      break;
    }
    at = end;
  }
}

// The matched words as a message quotes them: spacing collapsed, long ones shortened.
std::string phrase_of(std::string_view text) {
  std::string phrase;
  bool space = false;
  for (char c : core::trim(text)) {
    const bool blank = c == ' ' || c == '\n' || c == '\t';
    if (blank && space) continue;
    phrase += blank ? ' ' : c;
    space = blank;
  }
  if (core::count_code_points(phrase) <= k_phrase_width) return phrase;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < k_phrase_width - 1; ++i) cut = next_code_point(phrase, cut);
  return phrase.substr(0, cut) + "\u2026";
}

std::string fill(std::string_view templ, std::string_view phrase) {
  std::string out(templ);
  const std::size_t at = out.find("{phrase}");
  if (at != std::string::npos) out.replace(at, std::string_view("{phrase}").size(), phrase);
  return out;
}

const Category k_custom{
    "custom",
    "'{phrase}' is listed as blame language in review.yaml (rules.blame-language.extra_phrases)",
    "describe the condition instead: what made this reasonable at the time, and what will we do "
    "differently next time?",
};

} // namespace

struct BlameLexicon::Impl {
  std::vector<std::unique_ptr<Category>> categories;
  PatternList blame;
  std::vector<Pattern> blame_info; // by index in `blame`
  PatternList ignore;
  std::set<std::string, std::less<>> nonperson;

  void collect(std::string_view text, std::vector<Candidate>& found) const {
    for (const int hit : blame.candidates(text)) {
      const auto index = static_cast<std::size_t>(hit);
      const Pattern& pattern = blame_info[index];
      for_each_match(
          blame.regex(index), text, pattern.has_subject,
          [&](std::size_t begin, std::size_t end, std::string_view subject) {
            if (end == begin || nonperson.contains(core::trim(subject))) return false;
            found.push_back(Candidate{begin, end, index, pattern.category, pattern.always});
            return true;
          });
    }
  }

  // Drops candidates that overlap text which is not blame (technical terms, negations, plans).
  void drop_ignored(std::string_view text, std::vector<Candidate>& found) const {
    if (std::all_of(found.begin(), found.end(), [](const Candidate& c) { return c.always; }))
      return;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const int hit : ignore.candidates(text)) {
      for_each_match(ignore.regex(static_cast<std::size_t>(hit)), text, false,
                     [&](std::size_t begin, std::size_t end, std::string_view) {
                       spans.emplace_back(begin, end);
                       return true;
                     });
    }
    // Spans by start, with the furthest end so far: a candidate overlaps some span
    // when a span starting before its end reaches past its start.
    std::sort(spans.begin(), spans.end());
    std::vector<std::size_t> furthest_end;
    furthest_end.reserve(spans.size());
    for (const auto& [begin, end] : spans)
      furthest_end.push_back(std::max(end, furthest_end.empty() ? 0 : furthest_end.back()));
    std::erase_if(found, [&](const Candidate& candidate) {
      if (candidate.always) return false;
      const auto before_end =
          std::lower_bound(spans.begin(), spans.end(), std::pair{candidate.end, std::size_t{0}});
      const auto count = static_cast<std::size_t>(before_end - spans.begin());
      return count > 0 && furthest_end[count - 1] > candidate.begin;
    });
  }
};

struct BlameSettings::Impl {
  std::vector<std::unique_ptr<RE2>> extra;
  std::vector<std::string> allowed; // lowercased

  void collect(std::string_view text, std::size_t first_priority,
               std::vector<Candidate>& found) const {
    for (std::size_t i = 0; i < extra.size(); ++i) {
      for_each_match(
          *extra[i], text, false, [&](std::size_t begin, std::size_t end, std::string_view) {
            if (end > begin)
              found.push_back(Candidate{begin, end, first_priority + i, &k_custom, false});
            return end > begin;
          });
    }
  }

  void drop_allowed(std::string_view text, std::vector<Candidate>& found) const {
    if (allowed.empty()) return;
    std::erase_if(found, [&](const Candidate& candidate) {
      const std::string words =
          core::to_lower_ascii(text.substr(candidate.begin, candidate.end - candidate.begin));
      return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& phrase) {
        return words.find(phrase) != std::string::npos;
      });
    });
  }
};

namespace {

// Replaces {NAME} (capital letters and '_') with the macro's pattern; {0,8} is left alone.
std::string expand(std::string_view pattern,
                   const std::map<std::string, std::string, std::less<>>& macros,
                   const std::string& where) {
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) break;
    const std::size_t close = pattern.find('}', open);
    const std::string_view name = close == std::string_view::npos
                                      ? std::string_view()
                                      : pattern.substr(open + 1, close - open - 1);
    const bool is_macro = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || c == '_';
    });
    out.append(pattern.substr(at, open - at));
    if (!is_macro) {
      out += '{';
      at = open + 1;
      continue;
    }
    const auto found = macros.find(name);
    if (found == macros.end())
      throw core::Error(fmt::format("{}: unknown macro '{{{}}}'", where, name));
    out += found->second;
    at = close + 1;
  }
  out.append(pattern.substr(std::min(at, pattern.size())));
  return out;
}

void load_list(std::string_view name, std::string_view text, BlameLexicon::Impl& lexicon,
               std::map<std::string, std::string, std::less<>>& macros) {
  int line_number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (core::trim(line).empty() || line.front() == '#') continue;
    const std::string where = fmt::format("{}:{}", name, line_number);
    const auto fields = split(line, '\t');
    const std::string_view kind = fields[0];
    const auto expect = [&](std::size_t count) {
      if (fields.size() != count)
        throw core::Error(fmt::format("{}: a '{}' row has {} tab-separated fields, got {}", where,
                                      kind, count, fields.size()));
    };
    if (kind == "define") {
      expect(3);
      macros.insert_or_assign(std::string(fields[1]),
                              "(?:" + expand(fields[2], macros, where) + ")");
    } else if (kind == "category") {
      expect(4);
      lexicon.categories.push_back(std::make_unique<Category>(
          Category{std::string(fields[1]), std::string(fields[2]), std::string(fields[3])}));
    } else if (kind == "blame" || kind == "always") {
      expect(3);
      const auto category = std::find_if(lexicon.categories.begin(), lexicon.categories.end(),
                                         [&](const auto& c) { return c->id == fields[1]; });
      if (category == lexicon.categories.end())
        throw core::Error(fmt::format("{}: unknown category '{}'", where, fields[1]));
      const std::size_t index = lexicon.blame.add(expand(fields[2], macros, where), where);
      const bool has_subject = lexicon.blame.regex(index).NumberOfCapturingGroups() > 0;
      lexicon.blame_info.push_back(Pattern{category->get(), kind == "always", has_subject});
    } else if (kind == "ignore") {
      expect(3);
      lexicon.ignore.add(expand(fields[2], macros, where), where);
    } else if (kind == "nonperson") {
      expect(2);
      lexicon.nonperson.emplace(fields[1]);
    } else {
      throw core::Error(fmt::format(
          "{}: unknown row kind '{}' (define, category, blame, always, ignore, nonperson)", where,
          kind));
    }
  }
}

} // namespace

BlameLexicon::BlameLexicon(std::span<const std::pair<std::string_view, std::string_view>> lists)
    : m_impl(std::make_unique<Impl>()) {
  for (const auto& [name, text] : lists) {
    std::map<std::string, std::string, std::less<>> macros; // each list has its own
    load_list(name, text, *m_impl, macros);
  }
  m_impl->blame.compile();
  m_impl->ignore.compile();
}

BlameLexicon::~BlameLexicon() = default;

const BlameLexicon& BlameLexicon::builtin() {
  static const BlameLexicon lexicon = [] {
    std::vector<std::pair<std::string_view, std::string_view>> lists;
    for (std::string_view name : {"blame_en.tsv", "blame_zh.tsv"}) {
      const auto text = embedded_lint::embedded_file(name);
      if (!text)
        throw core::Error(fmt::format("the phrase list '{}' is missing from this build", name));
      lists.emplace_back(name, *text);
    }
    return BlameLexicon(lists);
  }();
  return lexicon;
}

BlameSettings::BlameSettings() : m_impl(std::make_unique<Impl>()) {}

BlameSettings::BlameSettings(std::span<const std::string> extra_phrases,
                             std::span<const std::string> allowed_phrases)
    : m_impl(std::make_unique<Impl>()) {
  for (const auto& text : extra_phrases) {
    auto regex = std::make_unique<RE2>(text, pattern_options());
    if (regex->ok() && !text.empty()) m_impl->extra.push_back(std::move(regex));
  }
  for (const auto& text : allowed_phrases) {
    const auto phrase = core::to_lower_ascii(core::trim(text));
    if (!phrase.empty()) m_impl->allowed.push_back(phrase);
  }
}

BlameSettings::~BlameSettings() = default;

std::vector<BlameMatch> find_blame(std::string_view text, const BlameLexicon& lexicon,
                                   const BlameSettings& settings) {
  std::string copy;
  mask_quotes(text, copy);
  const std::string_view masked = copy.empty() ? text : std::string_view(copy);
  std::vector<Candidate> found;
  lexicon.impl().collect(masked, found);
  settings.impl().collect(masked, lexicon.impl().blame.size(), found);
  if (found.empty()) return {};
  lexicon.impl().drop_ignored(masked, found);
  settings.impl().drop_allowed(masked, found);

  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.priority < b.priority;
  });
  std::vector<BlameMatch> matches;
  std::size_t covered = 0;
  for (const Candidate& candidate : found) {
    if (candidate.begin < covered) continue;
    covered = candidate.end;
    const std::string phrase =
        phrase_of(masked.substr(candidate.begin, candidate.end - candidate.begin));
    matches.push_back(BlameMatch{candidate.begin, candidate.end - candidate.begin,
                                 candidate.category->id, fill(candidate.category->message, phrase),
                                 candidate.category->hint});
  }
  return matches;
}

std::vector<BlameMatch> find_blame(std::string_view text) {
  static const BlameSettings none;
  return find_blame(text, BlameLexicon::builtin(), none);
}

namespace {

constexpr std::array<std::string_view, 2> k_option_keys = {"extra_phrases", "allowed_phrases"};

// The compiled settings of a review.yaml, shared by every review of a run (and by the
// threads linting them): compiling user patterns once per file would dominate the rule.
std::shared_ptr<const BlameSettings> settings_for(const core::YamlValue& options) {
  const auto extra = option_strings(options, "extra_phrases");
  const auto allowed = option_strings(options, "allowed_phrases");
  std::string key;
  for (const auto& text : extra) key += text + '\x1f';
  key += '\x1e';
  for (const auto& text : allowed) key += text + '\x1f';

  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const BlameSettings>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto found = cache.find(key); found != cache.end()) return found->second;
  if (cache.size() >= 16) cache.clear(); // a long-lived process (serve) sees few configs
  auto settings = std::make_shared<const BlameSettings>(extra, allowed);
  cache.emplace(std::move(key), settings);
  return settings;
}

// One call per block: the phrase lists pick their candidate patterns by the words a
// text holds, and a short block holds few of them (a whole review holds most).
void check(const core::Review& review, const RuleContext& context, Findings& findings) {
  const auto settings = settings_for(context.options);
  const BlameLexicon& lexicon = BlameLexicon::builtin();
  for (const auto& block : review.body.blocks) {
    if (!is_prose_block(block) || block.quote_depth > 0)
      continue; // a blockquote holds the customer's words
    for (const auto& match : find_blame(prose_of(block), lexicon, *settings))
      findings.report(review.path, block.position_at(match.offset), match.message, match.hint);
  }
}

void check_options(const core::YamlValue& options, const std::string& config_file,
                   Findings& findings) {
  check_patterns_option(options, "blame-language", "extra_phrases", config_file, findings);
  check_strings_option(options, "blame-language", "allowed_phrases", config_file, findings);
}

} // namespace

const Rule& blame_language_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "blame-language",
              .summary =
                  "blame, shame and hindsight in the review's own words (English and Chinese)",
              .why = "An environment of blame rarely yields insight: when a review names a "
                     "culprit, judges a "
                     "character or replays the past with 'should have', people stop saying what "
                     "they saw. Write "
                     "what happened, what made it reasonable at the time, and what the team will "
                     "do differently "
                     "next time. Things failing ('the SSO connector failed'), plans ('next time we "
                     "should…'), "
                     "negations ('no one is at fault'), the customer's quoted words, blockquotes, "
                     "code and "
                     "technical terms ('fault tolerance', 责任划分) are left alone.",
              .bad_example = "Mark dropped the ball on the security questionnaire, and we should "
                             "have brought the "
                             "CIO in earlier. 都怪小王没跟进。",
              .good_example = "The security questionnaire had no owner after the pilot; next time "
                              "the SE owns it, "
                              "and we will ask to meet the CIO by the second meeting. "
                              "下次我们会在试点结束时明确跟进负责人。",
              .options = "extra_phrases: RE2 patterns, matched ignoring case, that this repo also "
                         "treats as blame, "
                         "e.g. [\"\\\\bon his watch\\\\b\"]; allowed_phrases: phrases that are "
                         "fine here — a match "
                         "containing one is not reported, e.g. [\"should have\"]",
              .default_severity = core::Severity::warning,
          },
      .check_file = &check,
      .option_keys = k_option_keys,
      .check_options = &check_options,
      .prepare = [] { BlameLexicon::builtin(); },
  };
  return rule;
}

} // namespace review::lint
