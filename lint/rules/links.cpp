// links: relative links to Markdown files resolve, from the review's own folder
// (or from the repo root for links starting with "/"). Web links, anchors and
// e-mail links are not followed. Why: reviews build on each other ("the same CIO
// objection as in the Northwind review"); a link that leads nowhere loses that thread.
//   bad:  [Northwind](2026-08-14-northwind.md)            (no such file)
//   good: [Northwind](../2026/2026-08-14-northwind-pay.md)
// Repo-level for speed: the set of review paths is built once; other targets (docs/)
// are looked up on disk once each.
#include "lint/rules/rules.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

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
  return colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash); // http:, mailto:
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
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
  Targets(const core::Config& config, std::span<const std::string> repo_paths) : m_root(config.root) {
    m_known.reserve(repo_paths.size());
    for (const auto& path : repo_paths) {
      m_known.insert(path);
      m_names.push_back(std::filesystem::path(path).filename().string());
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

  std::optional<std::string> nearest_name(const std::string& name) const { return core::did_you_mean(name, m_names); }

private:
  std::filesystem::path m_root;
  std::unordered_set<std::string> m_known;
  std::unordered_map<std::string, bool> m_on_disk;
  std::vector<std::string> m_names;
};

void check(std::span<const core::Review> reviews, const RuleContext& context, Findings& findings) {
  Targets targets(context.config, context.repo_paths);
  for (const auto& review : reviews) {
    for (const auto& link : review.body.links) {
      if (link.is_image || is_external(link.href)) continue;
      std::string target = percent_decode(link.href.substr(0, link.href.find_first_of("#?")));
      if (!core::to_lower_ascii(target).ends_with(".md")) continue;
      const std::filesystem::path resolved =
          target.starts_with("/") ? std::filesystem::path(target.substr(1))
                                  : std::filesystem::path(review.path).parent_path() / target;
      const std::string relative = resolved.lexically_normal().generic_string();
      if (targets.exists(relative)) continue;
      std::string hint = "links are relative to this review's folder: a review from another year is ../<YYYY>/<file>.md";
      if (auto nearest = targets.nearest_name(std::filesystem::path(target).filename().string()))
        hint = fmt::format("did you mean '{}'? {}", *nearest, hint);
      findings.report(review.path, link.position, fmt::format("the link to '{}' leads nowhere: there is no {}", link.href, relative),
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
              .why = "Reviews build on each other — the same CIO objection as in last quarter's Northwind review — "
                     "and a link that leads nowhere loses the thread on the site. Links are resolved from the "
                     "review's folder, or from the repo root when they start with \"/\"; web links and anchors are "
                     "not followed.",
              .bad_example = "Same objection as in [Northwind](2026-08-14-northwind.md).",
              .good_example = "Same objection as in [Northwind](../2026/2026-08-14-northwind-pay.md).",
              .options = "",
              .default_severity = core::Severity::error,
          },
      .check_repo = &check,
  };
  return rule;
}

} // namespace review::lint
