// The blame-language detector behind the `blame-language` rule: phrase lists
// (lint/data/blame_en.tsv, blame_zh.tsv) compiled once with RE2 and matched over
// prose in linear time. A pure function, so tests measure it on labelled sentences.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace review::lint {

struct BlameMatch {
  std::size_t offset = 0; // byte offset of the matched words in the text
  std::size_t length = 0;
  std::string category; // "hindsight", "zh-punitive", … or "custom" for review.yaml patterns
  std::string message;  // one kind sentence: why the words read as blame
  std::string hint;     // a reframing that asks for the condition and the next step
};

// Phrase lists, compiled. Building one compiles every pattern, so build it once
// (builtin() does) and share it: matching is thread-safe.
class BlameLexicon {
public:
  // `lists` holds (name, text) pairs in the format described at the top of
  // lint/data/blame_en.tsv. Throws core::Error "name:line: …" on a malformed row or
  // an invalid pattern.
  explicit BlameLexicon(std::span<const std::pair<std::string_view, std::string_view>> lists);
  ~BlameLexicon();
  BlameLexicon(const BlameLexicon&) = delete;
  BlameLexicon& operator=(const BlameLexicon&) = delete;

  // English and Chinese, as compiled into the binary.
  static const BlameLexicon& builtin();

  struct Impl;
  const Impl& impl() const { return *m_impl; }

private:
  std::unique_ptr<Impl> m_impl;
};

// A repo's adjustments from review.yaml (rules.blame-language), compiled.
class BlameSettings {
public:
  BlameSettings(); // nothing added, nothing allowed
  // `extra_phrases` are RE2 patterns matched case-insensitively; invalid ones are
  // skipped (the rule's options check reports them). A match whose text contains one
  // of `allowed_phrases` (ignoring ASCII case) is not reported.
  BlameSettings(std::span<const std::string> extra_phrases,
                std::span<const std::string> allowed_phrases);
  ~BlameSettings();
  BlameSettings(const BlameSettings&) = delete;
  BlameSettings& operator=(const BlameSettings&) = delete;

  struct Impl;
  const Impl& impl() const { return *m_impl; }

private:
  std::unique_ptr<Impl> m_impl;
};

// The blame in `text` (a sentence or a block of prose), in order, without overlaps.
// Text inside quotation marks (“…”, "…", ‘…’, 「…」, 『…』, «…») is the customer's
// words and is skipped; a mark not closed before the next paragraph break ("\n\n")
// hides nothing. The caller removes code and blockquotes.
std::vector<BlameMatch> find_blame(std::string_view text, const BlameLexicon& lexicon,
                                   const BlameSettings& settings);
std::vector<BlameMatch> find_blame(std::string_view text); // the built-in lexicon, no settings

} // namespace review::lint
