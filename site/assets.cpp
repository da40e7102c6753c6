// Copies the stylesheet, script and icon compiled into the binary into the site.
#include "embedded/review_site_assets.hpp"
#include "site/pages.hpp"

namespace review::site {

void write_assets(std::string_view theme_css, bool has_theme_css, SiteOutput& out) {
  for (const auto& file : embedded_site::embedded_files())
    out.write("assets/" + std::string(file.path), std::string(file.data));
  if (has_theme_css) out.write("assets/theme.css", std::string(theme_css));
}

} // namespace review::site
