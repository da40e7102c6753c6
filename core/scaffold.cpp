#include "core/scaffold.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/git.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"
#include "core/text.hpp"
#include "embedded/review_templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace review::core {
namespace {

// For a value inside a double-quoted YAML scalar.
std::string yaml_escape(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      else
        out += c;
    }
  }
  return out;
}

std::string yaml_flow_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + yaml_escape(values[i]) + "\"";
  }
  return out + "]";
}

std::string validated_amount(std::string_view amount) {
  const std::string_view text = trim(amount);
  if (text.empty()) return {};
  std::string digits;
  for (char c : text) {
    if (c != ',' && c != '_') digits += c;
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || value < 0)
    throw Error(fmt::format(
        "--amount must be a number without a currency sign, got '{}' (for example 480000)",
        amount));
  return digits;
}

} // namespace

std::vector<std::string> missing_fields(const NewReviewFields& fields) {
  std::vector<std::string> missing;
  if (trim(fields.outcome).empty()) missing.emplace_back("outcome");
  if (trim(fields.account).empty()) missing.emplace_back("account");
  if (trim(fields.account_executive).empty()) missing.emplace_back("account executive");
  if (!fields.close_date) missing.emplace_back("close date");
  return missing;
}

std::vector<std::string> builtin_template_names() {
  std::vector<std::string> names;
  for (const auto& file : embedded_templates::embedded_files()) {
    if (file.path.ends_with(".md")) names.emplace_back(file.path.substr(0, file.path.size() - 3));
  }
  return names;
}

std::string load_template(const Config& config, std::string_view language, std::string_view name) {
  const std::string relative = fmt::format("{}/{}.md", language, name);
  const auto own = config.templates_path() / relative;
  std::error_code ec;
  if (std::filesystem::is_regular_file(own, ec)) return read_file(own);
  if (auto builtin = embedded_templates::embedded_file(relative)) return std::string(*builtin);
  throw Error(fmt::format("there is no template '{}' (looked in {} and the built-in ones: {})",
                          relative, config.display_path(config.templates_path()),
                          join_alternatives(builtin_template_names(), "and")));
}

std::string render_review(const std::string& template_text, const NewReviewFields& fields) {
  if (!parse_outcome(fields.outcome))
    throw Error(
        fmt::format("the outcome must be won, lost or no-decision, got '{}'", fields.outcome));
  const Date review_date = fields.review_date.value_or(today_local());
  std::string title = fields.title;
  if (trim(title).empty()) title = fmt::format("{} ({})", trim(fields.account), fields.outcome);
  std::string lost_to = fields.lost_to;
  if (lost_to.empty())
    lost_to = fields.competitors.empty() ? "unknown" : fields.competitors.front();

  const std::map<std::string, std::string, std::less<>> values = {
      {"title", yaml_escape(title)},
      {"account", yaml_escape(trim(fields.account))},
      {"outcome", fields.outcome},
      {"close_date", fields.close_date ? fields.close_date->to_string() : ""},
      {"review_date", review_date.to_string()},
      {"account_executive", yaml_escape(trim(fields.account_executive))},
      {"amount", validated_amount(fields.amount)},
      {"currency", yaml_escape(fields.currency)},
      {"competitors", yaml_flow_list(fields.competitors)},
      {"lost_to", yaml_escape(lost_to)},
      {"segment", yaml_escape(fields.segment)},
      {"region", yaml_escape(fields.region)},
      {"crm_id", yaml_escape(fields.crm_id)},
  };
  std::string out;
  std::string_view rest = template_text;
  while (true) {
    const std::size_t open = rest.find("{{");
    if (open == std::string_view::npos) break;
    const std::size_t close = rest.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view key = trim(rest.substr(open + 2, close - open - 2));
    out += rest.substr(0, open);
    if (auto it = values.find(key); it != values.end())
      out += it->second;
    else
      out += rest.substr(open, close + 2 - open); // not ours: leave it for the writer
    rest.remove_prefix(close + 2);
  }
  out += rest;
  if (!fields.crm_id.empty() && out.find("crm_id:") == std::string::npos) {
    // Templates need not know about CRM ids: add the key after the opening fence.
    if (out.starts_with("---\n"))
      out.insert(4, fmt::format("crm_id: \"{}\"\n", yaml_escape(fields.crm_id)));
  }
  if (!fields.selection.empty()) {
    // The templates say `selection: manual`; a review `review plan` picked says why it was picked.
    const std::size_t key = out.find("\nselection:");
    if (key == std::string::npos) {
      if (out.starts_with("---\n")) out.insert(4, fmt::format("selection: {}\n", fields.selection));
    } else {
      const std::size_t value = out.find_first_not_of(' ', key + 11);
      const std::size_t end = out.find_first_of(" #\n", value);
      out.replace(value, end - value, fields.selection);
    }
  }
  return out;
}

void require_complete(const NewReviewFields& fields) {
  const auto missing = missing_fields(fields);
  if (missing.empty()) return;
  std::vector<std::string> flags;
  for (const auto& name : missing) {
    if (name == "outcome") flags.emplace_back("--outcome won|lost|no-decision");
    if (name == "account") flags.emplace_back("--account NAME");
    if (name == "account executive") flags.emplace_back("--ae NAME");
    if (name == "close date") flags.emplace_back("--close-date YYYY-MM-DD");
  }
  throw Error(fmt::format("missing {}: pass {}", join_alternatives(missing, "and"),
                          join_alternatives(flags, "and")));
}

std::filesystem::path review_relative_path(const Config& config, const NewReviewFields& fields) {
  require_complete(fields);
  const Date date = *fields.close_date;
  return std::filesystem::path(config.reviews_dir) / fmt::format("{:04}", date.year) /
         fmt::format("{}-{}.md", date.to_string(), slugify(fields.account));
}

NewReviewResult create_review(const Config& config, const NewReviewFields& fields) {
  require_complete(fields);
  const std::string name = fields.template_name.empty() ? fields.outcome : fields.template_name;
  const std::string text = render_review(load_template(config, fields.language, name), fields);
  const auto relative = review_relative_path(config, fields);
  const auto path = config.root / relative;
  if (!write_file_exclusive(path, text)) {
    throw Error(fmt::format(
        "{} already exists, so nothing was written; open it to continue that review, or pass a "
        "different --account or --close-date for another deal",
        relative.generic_string()));
  }
  return NewReviewResult{path, path.stem().string()};
}

InitResult init_repo(const std::filesystem::path& dir) {
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  const auto embedded = [](std::string_view name) {
    return std::string(*embedded_templates::embedded_file(name));
  };
  files.emplace_back("review.yaml", embedded("init/review.yaml"));
  files.emplace_back(".gitignore", embedded("init/gitignore"));
  files.emplace_back(".github/workflows/reviews.yml", embedded("init/reviews.yml"));
  files.emplace_back(".github/pull_request_template.md", embedded("init/pull_request_template"));
  files.emplace_back(".github/CODEOWNERS", embedded("init/CODEOWNERS"));
  files.emplace_back("reviews/.gitkeep", "");
  for (const auto& name : builtin_template_names())
    files.emplace_back(std::filesystem::path("templates") / (name + ".md"), embedded(name + ".md"));

  std::vector<std::string> existing;
  std::error_code ec;
  for (const auto& [relative, content] : files) {
    if (std::filesystem::exists(dir / relative, ec)) existing.push_back(relative.generic_string());
  }
  if (!existing.empty()) {
    throw Error(fmt::format("{} already has {}; nothing was written. Move {} aside, or run `review "
                            "init` in an empty folder",
                            dir.string(), join_alternatives(existing, "and"),
                            existing.size() == 1 ? "it" : "them"));
  }
  InitResult result;
  for (const auto& [relative, content] : files) {
    if (!write_file_exclusive(dir / relative, content))
      throw Error(fmt::format("{}: appeared while `review init` ran; it was left as it is",
                              (dir / relative).string()));
    result.written.push_back(relative);
  }
  if (!GitRepo::discover(dir)) {
    GitRepo::init(dir);
    result.initialised_git = true;
  }
  return result;
}

} // namespace review::core
