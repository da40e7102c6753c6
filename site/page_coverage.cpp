// Coverage: account executive × fiscal quarter, with the gaps highlighted. The
// method asks for at least one review per account executive per quarter.
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"

#include <fmt/format.h>

namespace review::site {

void write_coverage(const SiteModel& model, SiteOutput& out) {
  const Coverage& coverage = model.coverage;
  std::string main =
      "<div class=\"page-head\">\n<h1>Coverage</h1>\n<p class=\"lede\">Reviews per account "
      "executive "
      "and fiscal quarter. The method asks for at least one review per account executive every "
      "quarter, "
      "wins as well as losses, not only the big deals lost at quarter end.</p>\n</div>\n";
  // Without a roster, everyone who wrote a review is expected every quarter.
  const bool has_roster = !coverage.roster.empty();
  const auto is_gap = [&](std::size_t e, std::size_t q) {
    return has_roster ? coverage.is_gap(e, q) : coverage.cells[e][q].counts.total() == 0;
  };
  int gaps = 0;
  int gaps_latest = 0;
  for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
    for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
      if (!is_gap(e, q)) continue;
      ++gaps;
      if (q + 1 == coverage.quarters.size()) ++gaps_latest;
    }
  }
  main += "<section class=\"cards\" aria-label=\"Coverage totals\">\n";
  main += fmt::format("<div class=\"card\"><p class=\"card-label\">Account executives</p><p "
                      "class=\"card-value\">{}</p>"
                      "<p class=\"card-note\">{}</p></div>\n",
                      coverage.executives.size(),
                      has_roster ? fmt::format("{} on the roster", coverage.roster.size())
                                 : "with a review; no roster yet");
  main += fmt::format(
      "<div class=\"card\"><p class=\"card-label\">Quarters</p><p class=\"card-value\">{}</p>"
      "<p class=\"card-note\">{}</p></div>\n",
      coverage.quarters.size(),
      coverage.quarters.empty()
          ? std::string("no reviews yet")
          : coverage.quarters.front().to_string() + " to " + coverage.quarters.back().to_string());
  main += fmt::format(
      "<div class=\"card{}\"><p class=\"card-label\">Gaps</p><p class=\"card-value\">{}</p>"
      "<p class=\"card-note\">{} in the latest quarter</p></div>\n</section>\n",
      gaps > 0 ? " attention" : "", gaps, gaps_latest);
  if (!has_roster) {
    main += "<p class=\"notice\">No roster yet, so every account executive with a review counts as "
            "expected each "
            "quarter. List your account executives under <code>roster:</code> in "
            "<code>review.yaml</code> to include "
            "those who have not written one.</p>\n";
  }

  main += "<section class=\"panel\" aria-labelledby=\"matrix-heading\">\n<h2 "
          "id=\"matrix-heading\">Reviews by account "
          "executive and quarter</h2>\n<p class=\"panel-note legend-line\"><span class=\"mini "
          "won\">W</span> won "
          "<span class=\"mini lost\">L</span> lost <span class=\"mini no-decision\">N</span> no "
          "decision "
          "<span class=\"gap-sample\">Gap</span> no review that quarter</p>\n";
  if (coverage.executives.empty()) {
    main += "<p class=\"empty\">No reviews yet.</p>\n";
  } else {
    main +=
        "<div class=\"table-scroll\"><table class=\"coverage\"><caption "
        "class=\"visually-hidden\">Reviews by account "
        "executive and fiscal quarter</caption><thead><tr><th scope=\"col\">Account executive</th>";
    for (const auto& quarter : coverage.quarters)
      main += fmt::format("<th scope=\"col\">{}</th>", quarter.to_string());
    main += "</tr></thead><tbody>\n";
    for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
      const std::string& executive = coverage.executives[e];
      main += fmt::format("<tr><th scope=\"row\">{}{}</th>", escape_html(executive),
                          !has_roster || coverage.is_rostered(executive)
                              ? ""
                              : " <span class=\"sub\">not on the roster</span>");
      for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
        const CoverageCell& cell = coverage.cells[e][q];
        if (is_gap(e, q)) {
          main += "<td class=\"gap\"><span class=\"gap-mark\">Gap</span></td>";
          continue;
        }
        if (cell.counts.total() == 0) {
          main += "<td class=\"none\"><span class=\"visually-hidden\">none</span></td>";
          continue;
        }
        std::string marks;
        const auto mark = [&](int n, std::string_view css, std::string_view letter,
                              std::string_view word) {
          if (n > 0) {
            marks += fmt::format("<span class=\"mini {}\" title=\"{} {}\">{}{}</span>", css, n,
                                 word, n > 1 ? std::to_string(n) : "", letter);
          }
        };
        mark(cell.counts.won, "won", "W", "won");
        mark(cell.counts.lost, "lost", "L", "lost");
        mark(cell.counts.no_decision, "no-decision", "N", "no decision");
        main += fmt::format("<td><a href=\"../all/index.html#ae={}&amp;quarter={}\" "
                            "aria-label=\"{}: {} won, {} lost, "
                            "{} no decision in {}\">{}</a></td>",
                            escape_url_component(executive), coverage.quarters[q].to_string(),
                            escape_html(executive), cell.counts.won, cell.counts.lost,
                            cell.counts.no_decision, coverage.quarters[q].to_string(), marks);
      }
      main += "</tr>\n";
    }
    main += "</tbody><tfoot><tr><th scope=\"row\">All account executives</th>";
    for (std::size_t q = 0; q < coverage.quarters.size(); ++q) {
      OutcomeCounts total;
      for (std::size_t e = 0; e < coverage.executives.size(); ++e) {
        const OutcomeCounts& c = coverage.cells[e][q].counts;
        total.won += c.won;
        total.lost += c.lost;
        total.no_decision += c.no_decision;
      }
      main += fmt::format(
          "<td>{} <span class=\"sub\">{} won · {} lost · {} no decision</span></td>",
          plural(total.total(), "review", "reviews"), total.won, total.lost, total.no_decision);
    }
    main += "</tr></tfoot></table></div>\n";
  }
  main += "</section>\n";

  bool any_notes = false;
  std::string notes = "<section class=\"panel\" aria-labelledby=\"notes-heading\">\n<h2 "
                      "id=\"notes-heading\">How the "
                      "deals were picked</h2>\n<p class=\"panel-note\">Reviewing only losses, or "
                      "only the largest deals, "
                      "tells half the story.</p>\n<ul class=\"notes\">\n";
  for (auto it = coverage.notes.rbegin(); it != coverage.notes.rend(); ++it) {
    for (const auto& note : it->second) {
      any_notes = true;
      notes += fmt::format("<li><strong>{}</strong>: {}</li>\n", it->first.to_string(),
                           escape_html(note));
    }
  }
  notes += "</ul>\n</section>\n";
  if (any_notes) main += notes;

  PageSpec spec;
  spec.path = "coverage/index.html";
  spec.title = "Coverage";
  spec.nav = "coverage";
  spec.description = "Reviews per account executive and fiscal quarter, with the gaps.";
  out.write(spec.path, render_page(model, spec, main));
}

} // namespace review::site
