// The Review: one win/loss review file parsed once into typed fields (each with its
// position) and a Markdown body. Validation results are data in `diagnostics`.
#pragma once

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/front_matter.hpp"
#include "core/markdown.hpp"
#include "core/yaml_value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

struct Config;

enum class Outcome { won, lost, no_decision };
std::string_view outcome_name(Outcome outcome); // "won", "lost", "no-decision"
std::optional<Outcome> parse_outcome(std::string_view text);

enum class PriceRole { deciding, contributing, not_a_factor, unknown };
std::string_view price_role_name(PriceRole role);
std::optional<PriceRole> parse_price_role(std::string_view text);

// A front-matter value: present or not, and where it was written.
template <class T> struct Field {
  T value{};
  bool present = false;
  Position position;

  explicit operator bool() const { return present; }
  const T& operator*() const { return value; }
  const T* operator->() const { return &value; }
};

struct Stakeholder {
  std::string title;
  std::string name;
  std::string role;
  std::optional<bool> in_room;
  std::optional<bool> engaged;
  Position position;
  Position role_position;
};

struct Review {
  std::string path;  // as shown to users: relative to the repo root, forward slashes
  std::string id;    // the file stem, unique in the repo
  SourceText source; // normalised text; positions refer to it (and to the file)
  FrontMatterSplit::Status front_matter_status = FrontMatterSplit::Status::absent;
  bool front_matter_ok = false; // fences found and YAML parsed
  int body_first_line = 1;
  std::size_t body_offset = 0;

  YamlValue front_matter; // the whole tree; unknown keys are kept here

  Field<int> schema;
  Field<std::string> title;
  Field<std::string> account;
  Field<Outcome> outcome;
  Field<std::string> lost_to;
  Field<std::vector<std::string>> competitors;
  Field<Date> close_date;
  Field<Date> review_date;
  Field<std::string> account_executive;
  Field<double> amount;
  Field<std::string> currency;
  Field<std::string> segment;
  Field<std::string> region;
  Field<bool> buyer_interviewed;
  Field<std::vector<std::string>> evidence;
  Field<std::vector<Stakeholder>> stakeholders;
  Field<std::vector<std::string>> decision_factors; // ranked
  Field<PriceRole> price_role;
  Field<std::string> price_evidence;
  Field<std::string> selection;
  Field<bool> confidential;
  Field<std::string> crm_id;

  std::optional<FiscalQuarter> quarter; // from close_date and the fiscal year start

  Body body;

  // Rule "front-matter" (syntax, required keys, types, enums, dates, vocabularies)
  // and rule "file" (encoding, size). Positions are file line:column.
  std::vector<Diagnostic> diagnostics;

  std::string_view body_text() const { return std::string_view(source.text).substr(body_offset); }
  bool is_confidential() const { return confidential.present && confidential.value; }
};

class FrontMatterCache;

// Parses a review from its raw bytes. Never throws for bad input: every problem
// becomes a diagnostic and the rest of the file is still parsed. With a cache, an
// unchanged front matter is read from it instead of parsed again.
Review parse_review(std::string_view raw, std::string path, const Config& config,
                    FrontMatterCache* cache = nullptr);

} // namespace review::core
