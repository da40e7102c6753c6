#include "lint/summary.hpp"

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/repo.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace review::lint {
namespace {

namespace fs = std::filesystem;

// ---- comparing the branch with its base ------------------------------------------

// Compact text of a front-matter value, for "what changed" lines.
std::string yaml_text(const core::YamlValue& value) {
  switch (value.kind) {
  case core::YamlValue::Kind::null:
    return "";
  case core::YamlValue::Kind::scalar:
    return value.scalar;
  case core::YamlValue::Kind::sequence: {
    std::string out;
    for (const auto& item : value.items) out += (out.empty() ? "" : ", ") + yaml_text(item);
    return "[" + out + "]";
  }
  case core::YamlValue::Kind::map: {
    std::string out;
    for (const auto& entry : value.entries)
      out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", entry.key, yaml_text(entry.value));
    return "{" + out + "}";
  }
  }
  return "";
}

const core::YamlValue k_null;

const core::YamlValue& value_of(const core::Review& review, std::string_view key) {
  const core::YamlValue* value = review.front_matter.find(key);
  return value == nullptr ? k_null : *value;
}

// Every front-matter key whose value differs (the branch's key order, then keys only
// the base has), and the body when its text differs.
std::vector<FieldChange> compare_reviews(const core::Review& before, const core::Review& after) {
  std::vector<FieldChange> changes;
  std::vector<std::string> keys;
  for (const auto& entry : after.front_matter.entries) keys.push_back(entry.key);
  for (const auto& entry : before.front_matter.entries)
    if (after.front_matter.find(entry.key) == nullptr) keys.push_back(entry.key);
  for (const auto& key : keys) {
    std::string old_text = yaml_text(value_of(before, key));
    std::string new_text = yaml_text(value_of(after, key));
    if (old_text != new_text)
      changes.push_back(FieldChange{key, std::move(old_text), std::move(new_text)});
  }
  if (before.body_text() != after.body_text()) changes.push_back(FieldChange{"body", "", ""});
  return changes;
}

std::string name_key(std::string_view name) {
  return core::to_lower_ascii(core::trim(name));
}

// Competitor names a review gives: `competitors` and `lost_to`, less "unknown".
std::vector<std::string> competitor_names(const core::Review& review) {
  std::vector<std::string> names;
  if (review.competitors) names = *review.competitors;
  if (review.lost_to && !review.lost_to->empty()) names.push_back(*review.lost_to);
  std::vector<std::string> kept;
  std::unordered_set<std::string> seen;
  for (auto& name : names) {
    const std::string key = name_key(name);
    if (key.empty() || key == "unknown" || !seen.insert(key).second) continue;
    kept.emplace_back(core::trim(name));
  }
  return kept;
}

std::string action_key(const core::Action& action) {
  return name_key(action.team) + "\n" + name_key(action.text);
}

// Adds each name not in `known` to `found`, remembering which review named it.
void collect_new(const std::vector<std::string>& names,
                 const std::unordered_set<std::string>& known, const std::string& review_id,
                 std::vector<NewName>& found) {
  for (const auto& name : names) {
    const std::string key = name_key(name);
    if (known.contains(key)) continue;
    auto it = std::find_if(found.begin(), found.end(),
                           [&](const NewName& n) { return name_key(n.name) == key; });
    if (it == found.end())
      found.push_back(NewName{name, {review_id}});
    else if (std::find(it->review_ids.begin(), it->review_ids.end(), review_id) ==
             it->review_ids.end())
      it->review_ids.push_back(review_id);
  }
}

// The same test as core's repo scan: *.md, not README.md, nothing hidden or starting with '_'.
bool is_review_path(const fs::path& path) {
  for (const auto& part : path.parent_path()) {
    if (part.string().starts_with(".")) return false;
  }
  const std::string name = path.filename().string();
  if (name.empty() || name[0] == '.' || name[0] == '_') return false;
  return core::to_lower_ascii(name) != "readme.md" && path.extension() == ".md";
}

// ---- Markdown --------------------------------------------------------------------

// User text inside Markdown (a table cell or a list item): one line, no markup, no HTML.
std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\n':
    case '\r':
    case '\t':
      out += ' ';
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '|':
      out += "\\|";
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '#':
    case '~':
    case '!':
      out += '\\';
      out += c;
      break;
    default:
      out += c;
    }
  }
  return out;
}

// A path or id in a code span: backticks are the only character that needs care.
std::string code(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '`' ? '\'' : (c == '\n' || c == '\r' ? ' ' : c);
  return "`" + out + "`";
}

std::string shorten(std::string_view text, std::size_t limit = 60) {
  if (core::count_code_points(text) <= limit) return std::string(text);
  std::string out;
  std::size_t offset = 0;
  for (std::size_t n = 0; n + 1 < limit && offset < text.size(); ++n)
    core::append_utf8(out, core::decode_utf8(text, offset));
  return out + "…";
}

std::string amount_text(double amount) {
  const double whole = std::floor(amount);
  std::string grouped = core::group_thousands(fmt::format("{:.0f}", whole));
  const double cents = std::round((amount - whole) * 100);
  if (cents > 0 && cents < 100) grouped += fmt::format(".{:02.0f}", cents);
  return grouped;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string findings_text(std::size_t errors, std::size_t warnings, std::size_t suggestions) {
  std::vector<std::string> parts;
  if (errors > 0) parts.push_back(plural(errors, "error", "errors"));
  if (warnings > 0) parts.push_back(plural(warnings, "warning", "warnings"));
  if (suggestions > 0) parts.push_back(plural(suggestions, "suggestion", "suggestions"));
  if (parts.empty()) return "clean";
  return core::join_alternatives(parts, "and");
}

std::string_view kind_name(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::added:
    return "added";
  case ChangeKind::changed:
    return "changed";
  case ChangeKind::unknown:
    break;
  }
  return "added or changed";
}

std::string outcome_text(const ReviewDigest& review) {
  if (review.outcome.empty()) return "—";
  if (review.outcome == "lost" && !review.lost_to.empty()) return "lost to " + md(review.lost_to);
  if (review.outcome == "no-decision") return "no decision";
  return review.outcome;
}

std::string_view severity_icon(core::Severity severity) {
  switch (severity) {
  case core::Severity::error:
    return "❌";
  case core::Severity::warning:
    return "⚠️";
  case core::Severity::suggestion:
  case core::Severity::off:
    break;
  }
  return "💡";
}

std::string_view status_box(core::ActionStatus status) {
  switch (status) {
  case core::ActionStatus::done:
    return "[x]";
  case core::ActionStatus::dropped:
    return "[-]";
  case core::ActionStatus::open:
    break;
  }
  return "[ ]";
}

} // namespace

BranchSummary summarise_branch(const core::Config& config, BranchSnapshot snapshot) {
  BranchSummary summary;
  summary.base = std::move(snapshot.base);
  summary.base_commit = std::move(snapshot.base_commit);
  summary.compared_with_base = snapshot.has_base;
  summary.notes = std::move(snapshot.notes);
  summary.lint = std::move(snapshot.lint);

  std::unordered_map<std::string_view, const core::Review*> base_by_path;
  std::unordered_set<std::string> known_factors;
  std::unordered_set<std::string> known_competitors;
  for (const auto& review : snapshot.base_reviews) {
    base_by_path.emplace(review.path, &review);
    if (review.decision_factors)
      for (const auto& factor : *review.decision_factors) known_factors.insert(name_key(factor));
    for (const auto& name : competitor_names(review)) known_competitors.insert(name_key(name));
  }

  std::vector<const core::Review*> changed;
  for (const auto& review : snapshot.changed) changed.push_back(&review);
  std::sort(changed.begin(), changed.end(),
            [](const auto* a, const auto* b) { return a->path < b->path; });

  std::map<std::string, std::vector<TeamAction>> by_team;
  for (const core::Review* review : changed) {
    ReviewDigest digest;
    const auto base_it = base_by_path.find(review->path);
    const core::Review* before = base_it == base_by_path.end() ? nullptr : base_it->second;
    digest.kind = !snapshot.has_base  ? ChangeKind::unknown
                  : before != nullptr ? ChangeKind::changed
                                      : ChangeKind::added;
    digest.path = review->path;
    digest.id = review->id;
    if (review->title) digest.title = *review->title;
    if (review->account) digest.account = *review->account;
    if (review->outcome) digest.outcome = std::string(core::outcome_name(*review->outcome));
    if (review->lost_to) digest.lost_to = *review->lost_to;
    if (review->account_executive) digest.account_executive = *review->account_executive;
    if (review->amount) digest.amount = *review->amount;
    if (review->currency) digest.currency = *review->currency;
    if (review->competitors) digest.competitors = *review->competitors;
    if (review->decision_factors) digest.decision_factors = *review->decision_factors;
    digest.confidential = review->is_confidential();
    if (before != nullptr) digest.changes = compare_reviews(*before, *review);
    for (const auto& diagnostic : summary.lint.diagnostics) {
      if (diagnostic.file != review->path) continue;
      if (diagnostic.severity == core::Severity::error)
        ++digest.errors;
      else if (diagnostic.severity == core::Severity::warning)
        ++digest.warnings;
      else if (diagnostic.severity == core::Severity::suggestion)
        ++digest.suggestions;
    }

    std::unordered_set<std::string> old_actions;
    if (before != nullptr)
      for (const auto& action : before->body.actions) old_actions.insert(action_key(action));
    for (const auto& action : review->body.actions) {
      TeamAction entry{
          action.team,    review->id,      review->path,  action.text,
          action.owner,   action.due_text, action.status, digest.kind == ChangeKind::added,
          action.position};
      if (digest.kind == ChangeKind::changed)
        entry.is_new = !old_actions.contains(action_key(action));
      by_team[name_key(action.team)].push_back(std::move(entry));
    }

    if (snapshot.has_base) {
      collect_new(digest.decision_factors, known_factors, review->id, summary.new_decision_factors);
      collect_new(competitor_names(*review), known_competitors, review->id,
                  summary.new_competitors);
    }
    summary.reviews.push_back(std::move(digest));
  }

  // Teams in the config's order (defaults first), then any others by name, then none.
  for (const auto& team : config.teams) {
    if (auto it = by_team.find(name_key(team)); it != by_team.end()) {
      std::move(it->second.begin(), it->second.end(), std::back_inserter(summary.actions));
      by_team.erase(it);
    }
  }
  std::vector<TeamAction> without_team;
  for (auto& [team, actions] : by_team) {
    auto& target = team.empty() ? without_team : summary.actions;
    std::move(actions.begin(), actions.end(), std::back_inserter(target));
  }
  std::move(without_team.begin(), without_team.end(), std::back_inserter(summary.actions));

  if (snapshot.has_base) {
    const std::set<std::string_view> branch_paths(snapshot.branch_paths.begin(),
                                                  snapshot.branch_paths.end());
    for (const auto& review : snapshot.base_reviews)
      if (!branch_paths.contains(review.path)) summary.removed.push_back(review.path);
    std::sort(summary.removed.begin(), summary.removed.end());
  }
  return summary;
}

BranchSummary summarise_changes(const core::Config& config, const std::string& base) {
  auto repo = core::GitRepo::discover(config.root);
  if (!repo || repo->workdir().empty())
    throw core::Error(
        fmt::format("`review summary` compares with git, but {} is not in a git working tree",
                    config.root.string()));
  std::vector<std::string> notes;
  std::string no_branch_note;
  const std::string compare_with = repo->comparison_base(base, no_branch_note);
  if (!no_branch_note.empty()) notes.push_back(std::move(no_branch_note));
  const core::ChangedFiles changed = repo->changed_since(compare_with);
  if (!changed.warning.empty()) notes.push_back(changed.warning);

  const fs::path workdir = repo->workdir();
  std::unordered_set<std::string> changed_paths;
  for (const auto& path : changed.paths)
    changed_paths.insert((workdir / path).lexically_normal().string());
  std::vector<core::Diagnostic> listing_problems;
  std::vector<fs::path> branch_files = core::list_review_files(config, listing_problems);
  std::vector<std::string> branch_paths;
  std::vector<fs::path> changed_files;
  for (const auto& file : branch_files) {
    branch_paths.push_back(config.display_path(file));
    if (changed_paths.contains(file.lexically_normal().string())) changed_files.push_back(file);
  }
  const core::RepoScan branch = core::load_reviews(config, changed_files);

  core::RepoScan base_scan;
  bool has_base = false;
  if (!changed.base.empty()) {
    const fs::path reviews_in_repo =
        config.reviews_path().lexically_normal().lexically_relative(workdir.lexically_normal());
    if (!reviews_in_repo.empty() && !reviews_in_repo.native().starts_with("..")) {
      std::vector<core::SourceFile> files;
      const std::string subdir =
          reviews_in_repo == "." ? std::string() : reviews_in_repo.generic_string();
      for (auto& [path, content] : repo->read_tree(changed.base, subdir)) {
        if (!is_review_path(subdir.empty() ? fs::path(path)
                                           : fs::path(path).lexically_relative(subdir)))
          continue;
        files.push_back(core::SourceFile{config.display_path(workdir / path), std::move(content)});
      }
      base_scan = core::parse_reviews(config, files);
      has_base = true;
    }
  }
  if (!has_base)
    notes.emplace_back(
        "the base is not in this clone, so new decision factors and competitors could "
        "not be told apart");

  LintOptions lint_options;
  lint_options.changed = true;
  lint_options.base = compare_with;
  LintReport lint = lint_repo(config, lint_options);
  for (auto& note : lint.notes)
    if (std::find(notes.begin(), notes.end(), note) == notes.end())
      notes.push_back(std::move(note));
  lint.notes.clear();

  BranchSnapshot snapshot;
  snapshot.base = compare_with;
  snapshot.base_commit = changed.base;
  snapshot.has_base = has_base;
  snapshot.changed = branch.reviews;
  snapshot.base_reviews = base_scan.reviews;
  snapshot.branch_paths = branch_paths;
  snapshot.lint = std::move(lint);
  snapshot.notes = std::move(notes);
  return summarise_branch(config, std::move(snapshot));
}

std::string render_summary_markdown(const BranchSummary& summary, std::size_t max_findings) {
  std::string out = "## Win/loss reviews in this branch\n\n";
  std::size_t added = 0;
  std::size_t changed = 0;
  for (const auto& review : summary.reviews) {
    if (review.kind == ChangeKind::added) ++added;
    if (review.kind == ChangeKind::changed) ++changed;
  }
  std::string compared = summary.base_commit.empty()
                             ? fmt::format("Compared with {}", code(summary.base))
                             : fmt::format("Compared with {} ({})", code(summary.base),
                                           code(summary.base_commit.substr(0, 12)));
  std::vector<std::string> counts;
  if (summary.compared_with_base) {
    if (added > 0) counts.push_back(plural(added, "review added", "reviews added"));
    if (changed > 0) counts.push_back(plural(changed, "review changed", "reviews changed"));
  } else if (!summary.reviews.empty()) {
    counts.push_back(
        plural(summary.reviews.size(), "review added or changed", "reviews added or changed"));
  }
  if (!summary.removed.empty())
    counts.push_back(plural(summary.removed.size(), "review removed", "reviews removed"));
  out += compared + ": " +
         (counts.empty() ? std::string("no reviews added or changed")
                         : core::join_alternatives(counts, "and")) +
         ". Lint: " +
         findings_text(summary.lint.errors, summary.lint.warnings, summary.lint.suggestions) +
         ".\n\n";
  for (const auto& note : summary.notes) out += "> **Note:** " + md(note) + "\n\n";

  if (!summary.reviews.empty()) {
    out += "| | Review | Outcome | Account | Amount | Competitors | Account executive | Lint |\n";
    out += "|---|---|---|---|---|---|---|---|\n";
    for (const auto& review : summary.reviews) {
      std::string title = review.title.empty() ? code(review.id) : md(review.title);
      title += "<br>" + code(review.path);
      if (review.confidential) title += " (confidential)";
      const std::string amount =
          review.amount ? amount_text(*review.amount) +
                              (review.currency.empty() ? "" : " " + md(review.currency))
                        : "—";
      std::string competitors;
      for (const auto& name : review.competitors)
        competitors += (competitors.empty() ? "" : ", ") + md(name);
      const std::string lint = findings_text(review.errors, review.warnings, review.suggestions);
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} {} |\n", kind_name(review.kind),
                         title, outcome_text(review),
                         review.account.empty() ? "—" : md(review.account), amount,
                         competitors.empty() ? "—" : competitors,
                         review.account_executive.empty() ? "—" : md(review.account_executive),
                         review.errors > 0 ? "❌" : (review.warnings > 0 ? "⚠️" : "✅"), lint);
    }
    out += "\n";
    bool header = false;
    for (const auto& review : summary.reviews) {
      if (review.changes.empty()) continue;
      if (!header) out += "**What changed**\n\n";
      header = true;
      std::vector<std::string> parts;
      for (const auto& change : review.changes) {
        if (change.field == "body")
          parts.emplace_back("the write-up");
        else if (change.before.empty())
          parts.push_back(
              fmt::format("{} set to “{}”", code(change.field), md(shorten(change.after))));
        else if (change.after.empty())
          parts.push_back(fmt::format("{} removed", code(change.field)));
        else
          parts.push_back(fmt::format("{}: “{}” → “{}”", code(change.field),
                                      md(shorten(change.before)), md(shorten(change.after))));
      }
      out += fmt::format("- {}: {}\n", code(review.id), core::join_alternatives(parts, "and"));
    }
    if (header) out += "\n";
  }
  if (!summary.removed.empty()) {
    out += "**Removed**: ";
    for (std::size_t i = 0; i < summary.removed.size(); ++i)
      out += (i > 0 ? ", " : "") + code(summary.removed[i]);
    out += "\n\n";
  }

  if (!summary.actions.empty()) {
    out += "### Actions for other teams\n\n";
    std::string team;
    bool first = true;
    for (const auto& action : summary.actions) {
      if (first || name_key(action.team) != team) {
        team = name_key(action.team);
        out += fmt::format("{}**{}**\n\n", first ? "" : "\n",
                           action.team.empty() ? "No team named" : md(action.team));
        first = false;
      }
      std::vector<std::string> details;
      if (!action.owner.empty()) details.push_back("owner " + md(action.owner));
      if (!action.due.empty()) details.push_back("due " + md(action.due));
      std::string line =
          fmt::format("- {} {}", status_box(action.status),
                      action.status == core::ActionStatus::dropped ? "~~" + md(action.text) + "~~"
                                                                   : md(action.text));
      for (std::size_t i = 0; i < details.size(); ++i) line += (i == 0 ? " — " : ", ") + details[i];
      line += " · " + code(action.review_id);
      if (action.is_new) line += " · *new*";
      out += line + "\n";
    }
    out += "\n";
  }

  if (!summary.new_decision_factors.empty() || !summary.new_competitors.empty()) {
    out += "### New to the repo\n\n";
    const auto list = [&](const std::vector<NewName>& names, std::string_view what) {
      for (const auto& name : names) {
        std::string ids;
        for (const auto& id : name.review_ids) ids += (ids.empty() ? "" : ", ") + code(id);
        out += fmt::format("- {} **{}**, first named in {}\n", what, md(name.name), ids);
      }
    };
    list(summary.new_decision_factors, "Decision factor");
    list(summary.new_competitors, "Competitor");
    out += "\n";
  }

  if (!summary.lint.diagnostics.empty()) {
    out += "### Lint findings\n\n";
    std::size_t shown = 0;
    for (const auto& d : summary.lint.diagnostics) {
      if (shown == max_findings) break;
      ++shown;
      std::string where = d.file;
      if (d.position.line > 0) where += fmt::format(":{}:{}", d.position.line, d.position.column);
      out += fmt::format("- {} {} {}: {} [{}]\n", severity_icon(d.severity), code(where),
                         core::severity_name(d.severity), md(d.message), md(d.rule));
      if (!d.hint.empty()) out += fmt::format("  <br>hint: {}\n", md(d.hint));
    }
    if (shown < summary.lint.diagnostics.size())
      out += fmt::format("- … and {} more: run {} to see them all\n",
                         summary.lint.diagnostics.size() - shown,
                         code("review lint --changed --base " + summary.base));
    out += "\n";
  }
  out += "<sub>Written by `review summary`.</sub>\n";
  return out;
}

std::string render_summary_json(const BranchSummary& summary) {
  using json = nlohmann::ordered_json; // keys in the order written, for people reading it
  const auto counts = [](std::size_t errors, std::size_t warnings, std::size_t suggestions) {
    return json{{"errors", errors}, {"warnings", warnings}, {"suggestions", suggestions}};
  };
  json reviews = json::array();
  for (const auto& review : summary.reviews) {
    json changes = json::array();
    for (const auto& change : review.changes)
      changes.push_back(
          json{{"field", change.field}, {"before", change.before}, {"after", change.after}});
    reviews.push_back(
        json{{"change", kind_name(review.kind)},
             {"path", review.path},
             {"id", review.id},
             {"title", review.title},
             {"account", review.account},
             {"outcome", review.outcome},
             {"lost_to", review.lost_to},
             {"account_executive", review.account_executive},
             {"amount", review.amount ? json(*review.amount) : json(nullptr)},
             {"currency", review.currency},
             {"competitors", review.competitors},
             {"decision_factors", review.decision_factors},
             {"confidential", review.confidential},
             {"changes", changes},
             {"findings", counts(review.errors, review.warnings, review.suggestions)}});
  }
  json actions = json::array();
  for (const auto& action : summary.actions)
    actions.push_back(json{{"team", action.team},
                           {"review", action.review_id},
                           {"path", action.review_path},
                           {"line", action.position.line},
                           {"text", action.text},
                           {"owner", action.owner},
                           {"due", action.due},
                           {"status", core::action_status_name(action.status)},
                           {"new", action.is_new}});
  const auto names = [](const std::vector<NewName>& list) {
    json out = json::array();
    for (const auto& name : list)
      out.push_back(json{{"name", name.name}, {"reviews", name.review_ids}});
    return out;
  };
  json diagnostics = json::array();
  for (const auto& d : summary.lint.diagnostics)
    diagnostics.push_back(json{{"file", d.file},
                               {"line", d.position.line},
                               {"column", d.position.column},
                               {"severity", core::severity_name(d.severity)},
                               {"rule", d.rule},
                               {"message", d.message},
                               {"hint", d.hint}});
  json lint = counts(summary.lint.errors, summary.lint.warnings, summary.lint.suggestions);
  lint["diagnostics"] = std::move(diagnostics);
  const json out{{"base", summary.base},
                 {"base_commit", summary.base_commit},
                 {"compared_with_base", summary.compared_with_base},
                 {"notes", summary.notes},
                 {"reviews", reviews},
                 {"removed", summary.removed},
                 {"actions", actions},
                 {"new_decision_factors", names(summary.new_decision_factors)},
                 {"new_competitors", names(summary.new_competitors)},
                 {"lint", lint}};
  return out.dump(2) + "\n";
}

} // namespace review::lint
