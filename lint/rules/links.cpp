// links: relative links to Markdown files resolve, from the review's own folder
// (or from the repo root for links starting with "/"). Web links, anchors and
// e-mail links are not followed. Why: reviews build on each other ("the same CIO
// objection as in the Northwind review"); a link that leads nowhere loses that thread.
//   bad:  [Northwind](2026-08-14-northwind.md)            (no such file)
//   good: [Northwind](../2026/2026-08-14-northwind-pay.md)
// Repo-level for speed: the set of review paths is built once; other targets (docs/)
// are looked up on disk once each.
#include "core/text.hpp"
#include "lint/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace review::lint {
namespace {

bool is_external(std::string_view href) {
  if (href.empty() || href.front() == '#') return true;
  const std::size_t colon = href.find(':');
  const std::size_t slash = href.find('/');
  return colon != std::string_view::npos &&
         (slash == std::string_view::npos || colon < slash); // http:, mailto:
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

class Targets {
public:
  Targets(const core::Config& config, std::span<const std::string> repo_paths)
      : m_root(config.root) {
    m_known.reserve(repo_paths.size());
    for (const auto& path : repo_paths) {
      m_known.insert(path);
      const std::filesystem::path as_path(path);
      m_by_name[as_path.filename().string()].push_back(&path);
      m_by_folder[as_path.parent_path().generic_string()].push_back(as_path.filename().string());
    }
  }

  bool exists(const std::string& relative) {
    if (m_known.contains(relative)) return true;
    auto [it, inserted] = m_on_disk.try_emplace(relative, false);
    if (inserted) {
      std::error_code ec;
      it->second = std::filesystem::exists(m_root / relative, ec);
    }
    return it->second;
  }

  // The review a broken link most likely meant, as a link from `from_folder`: the same
  // file name in another folder (a missing ../2025/), else a near name in the folder the
  // link points into. Cheap on purpose: a mass rename breaks many links at once.
  std::optional<std::string> suggestion(const std::filesystem::path& from_folder,
                                        const std::filesystem::path& intended) const {
    const std::string name = intended.filename().string();
    std::optional<std::string> found;
    if (auto same = m_by_name.find(name); same != m_by_name.end()) {
      found = *same->second.front();
    } else if (auto folder = m_by_folder.find(intended.parent_path().generic_string());
               folder != m_by_folder.end()) {
      const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
      std::vector<std::string> near;
      for (const auto& candidate : folder->second) {
        const std::size_t difference = candidate.size() > name.size()
                                           ? candidate.size() - name.size()
                                           : name.size() - candidate.size();
        if (difference <= limit) near.push_back(candidate);
      }
      if (auto nearest = core::did_you_mean(name, near))
        found = (intended.parent_path() / *nearest).generic_string();
    }
    if (!found) return std::nullopt;
    return std::filesystem::path(*found).lexically_relative(from_folder).generic_string();
  }

private:
  std::filesystem::path m_root;
  std::unordered_set<std::string> m_known;
  std::unordered_map<std::string, bool> m_on_disk;
  std::unordered_map<std::string, std::vector<const std::string*>> m_by_name;
  std::unordered_map<std::string, std::vector<std::string>> m_by_folder;
};

void check(std::span<const core::Review> reviews, const RuleContext& context, Findings& findings) {
  Targets targets(context.config, context.repo_paths);
  for (const auto& review : reviews) {
    const std::filesystem::path folder = std::filesystem::path(review.path).parent_path();
    for (const auto& link : review.body.links) {
      if (link.is_image || is_external(link.href)) continue;
      std::string target = percent_decode(link.href.substr(0, link.href.find_first_of("#?")));
      if (!core::to_lower_ascii(target).ends_with(".md")) continue;
      const std::filesystem::path resolved =
          (target.starts_with("/") ? std::filesystem::path(target.substr(1)) : folder / target)
              .lexically_normal();
      const std::string relative = resolved.generic_string();
      if (targets.exists(relative)) continue;
      std::string hint = "links are relative to this review's folder: a review from another year "
                         "is ../<YYYY>/<file>.md";
      if (auto nearest = targets.suggestion(folder, resolved))
        hint = fmt::format("did you mean '{}'? {}", *nearest, hint);
      findings.report(
          review.path, link.position,
          fmt::format("the link to '{}' leads nowhere: there is no {}", link.href, relative),
          std::move(hint));
    }
  }
}

} // namespace

const Rule& links_rule() {
  static const Rule rule{
      .doc =
          {
              .id = "links",
              .summary = "relative links to Markdown files that lead nowhere",
              .why = "Reviews build on each other — the same CIO objection as in last quarter's "
                     "Northwind review — "
                     "and a link that leads nowhere loses the thread on the site. Links are "
                     "resolved from the "
                     "review's folder, or from the repo root when they start with \"/\"; web links "
                     "and anchors are "
                     "not followed.",
              .bad_example = "Same objection as in [Northwind](2026-08-14-northwind.md).",
              .good_example =
                  "Same objection as in [Northwind](../2026/2026-08-14-northwind-pay.md).",
              .options = "",
              .default_severity = core::Severity::error,
          },
      .check_repo = &check,
  };
  return rule;
}

} // namespace review::lint
