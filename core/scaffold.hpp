// `review new` and `review init` as library calls: templates (built in, overridable
// by the repo's templates/), file names from account names, exclusive writes.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace review::core {

struct NewReviewFields {
  std::string outcome; // won | lost | no-decision
  std::string account;
  std::string account_executive;
  std::optional<Date> close_date;
  std::optional<Date> review_date; // default today
  std::string title;               // default "<account> (<outcome>)"
  std::string amount;              // as typed; validated as a number when set
  std::string currency;
  std::vector<std::string> competitors;
  std::string lost_to; // lost only; default the first competitor, else "unknown"
  std::string segment;
  std::string region;
  std::string crm_id;
  std::string selection;       // how the deal was picked (`review plan`); default: the template's
  std::string language = "en"; // en | zh
  std::string template_name;   // default: the outcome
};

// Names of the missing required fields ("outcome", "account", …), empty when complete.
std::vector<std::string> missing_fields(const NewReviewFields& fields);

// Throws Error naming the missing fields and the flags that give them.
void require_complete(const NewReviewFields& fields);

// The template text: the repo's templates/<lang>/<name>.md when present, else the built-in.
// Throws Error naming the templates that exist when there is no such template.
std::string load_template(const Config& config, std::string_view language, std::string_view name);
std::vector<std::string> builtin_template_names(); // "en/lost", …

// Fills {{placeholders}} (YAML-escaped). Throws Error on invalid fields
// (unknown outcome, bad amount) with a message saying what is expected.
std::string render_review(const std::string& template_text, const NewReviewFields& fields);

// reviews/<YYYY>/<close-date>-<slug>.md relative to the repo root.
std::filesystem::path review_relative_path(const Config& config, const NewReviewFields& fields);

struct NewReviewResult {
  std::filesystem::path path; // absolute
  std::string id;
};

// Writes the review with O_EXCL. Throws Error "PATH already exists …" when it does.
NewReviewResult create_review(const Config& config, const NewReviewFields& fields);

struct InitResult {
  std::vector<std::filesystem::path> written; // relative to the folder
  bool initialised_git = false;
};

// A new reviews repo in `dir`. Throws Error listing every file that already exists,
// before writing anything.
InitResult init_repo(const std::filesystem::path& dir);

} // namespace review::core
