// The frame every page shares (head, top navigation, footer, the repo's partials)
// and the small fragments pages repeat: outcome badges, review links, tables.
#pragma once

#include "core/review.hpp"
#include "site/site_model.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace review::site {

struct PageSpec {
  std::string path;  // in the output, e.g. "losses/page-2.html"
  std::string title; // shown before the site title in <title>
  std::string nav;   // the current top-nav item: home, wins, losses, no-decision, all, actions,
                     // insights, coverage
  std::string description; // <meta name="description">
  bool script = false;     // loads assets/site.js (listings only)
};

// "../" for each folder in `path`: the way back to the site root, so links work
// from file:// and under any sub-path.
std::string root_prefix(std::string_view path);

std::string render_page(const SiteModel& model, const PageSpec& spec, std::string_view main_html);

// Output paths (relative to the site root) of generated pages.
std::string review_path(const core::Review& review);         // file name on disk
std::string review_href(const core::Review& review);         // the same, URL-escaped
std::string listing_path(std::string_view folder, int page); // page 1 → index.html
std::string team_path(std::string_view slug, int page);

std::string_view outcome_label(core::Outcome outcome);  // "Won", "Lost", "No decision"
std::string_view outcome_folder(core::Outcome outcome); // "wins", "losses", "no-decision"
// A badge with an icon and a word, so outcome never relies on colour alone.
std::string outcome_badge(const core::Review& review);
std::string outcome_badge(core::Outcome outcome);

// "⚠ Overdue", "○ Open", "✓ Done", "— Dropped": an icon and a word.
std::string action_status_badge(const core::Action& action, bool overdue);

// "Lost to LedgerCo", "Beat FinStack, Reconify", "" …
std::string competition_text(const core::Review& review);
// The amount with the review's currency, "" when absent.
std::string amount_text(const core::Review& review);
// The review's title, or its account, or its id: a page always has a heading.
std::string display_title(const core::Review& review);

// A vocabulary id for reading: "capability-gap" → "Capability gap", "smb" → "SMB".
std::string humanize(std::string_view id);

// A page number bar: "← Newer  1 … 4 5 6 … 40  Older →"; "" for a single page.
// `href(n)` gives the link to page n, relative to the current page.
std::string pagination(int current, int count, const std::function<std::string(int)>& href);

} // namespace review::site
