// A review's body as HTML: raw HTML shown as text, comments dropped, unsafe link
// schemes neutralised in every spelling, images turned into links.
#include "core/config.hpp"
#include "core/review.hpp"
#include "site/markdown_html.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace review;

namespace {

core::Review parse(const std::string& body) {
  static const core::Config config = core::default_config(".");
  const std::string text = "---\ntitle: T\naccount: A\noutcome: won\nclose_date: 2026-01-02\n"
                           "account_executive: E\n---\n" +
                           body;
  return core::parse_review(text, "reviews/2026/2026-01-02-a.md", config);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("markdown_html") {
  SUBCASE("raw html is shown as text, never passed through") {
    const std::string html = site::render_body_html(parse(R"md(## Summary

Inline <script>alert(1)</script> and <img src=x onerror="alert(2)">.

<div onmouseover="alert(3)">block</div>
)md"));
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "<div"));
    CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(html, "&lt;div onmouseover=&quot;alert(3)&quot;&gt;block&lt;/div&gt;"));
  }

  SUBCASE("html comments (template prompts) are removed, code keeps them") {
    const std::string html = site::render_body_html(parse(R"md(## Summary

<!-- What did the customer buy? -->
Text <!-- inline prompt --> after.

<!--
a prompt
over lines
-->

`<!-- in code -->`
)md"));
    CHECK_FALSE(contains(html, "What did the customer buy"));
    CHECK_FALSE(contains(html, "inline prompt"));
    CHECK_FALSE(contains(html, "over lines"));
    CHECK(contains(html, "<p>Text  after.</p>"));
    CHECK(contains(html, "<code>&lt;!-- in code --&gt;</code>"));
  }

  SUBCASE("links with a script scheme point to # in every spelling") {
    const std::string html = site::render_body_html(parse(R"md(## Summary

[a](javascript:alert(1)) [b](JaVaScRiPt&#58;alert(1)) [c](&#106;avascript:alert(1))
[d](java&#x09;script:alert(1)) [e](data:text/html,x) [f](vbscript:x) <javascript:alert(1)>
[ok](https://example.com/?a=1&b=2) [rel](../other.html) [mail](mailto:a@example.com)
)md"));
    CHECK_FALSE(contains(html, "href=\"javascript"));
    CHECK_FALSE(contains(html, "href=\"JaVaScRiPt"));
    CHECK_FALSE(contains(html, "href=\"data:"));
    CHECK_FALSE(contains(html, "href=\"vbscript"));
    CHECK_FALSE(contains(html, "script:alert(1)\">"));
    std::size_t unsafe = 0;
    for (std::size_t at = html.find("class=\"unsafe-link\" href=\"#\""); at != std::string::npos;
         at = html.find("class=\"unsafe-link\" href=\"#\"", at + 1)) {
      ++unsafe;
    }
    CHECK(unsafe == 7);
    CHECK(contains(html, "<a href=\"https://example.com/?a=1&amp;b=2\">ok</a>"));
    CHECK(contains(html, "<a href=\"../other.html\">rel</a>"));
    CHECK(contains(html, "<a href=\"mailto:a@example.com\">mail</a>"));
  }

  SUBCASE("images become links, so a page loads nothing from outside") {
    const std::string html = site::render_body_html(parse(R"md(## Summary

![chart "q" <x>](https://example.com/chart.png) ![bad](javascript:alert(1)) [![inner](a.png)](https://example.com)
)md"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK(contains(html, "<a class=\"image-link\" href=\"https://example.com/chart.png\">"));
    CHECK(contains(html, "chart &quot;q&quot; &lt;x&gt;</a>"));
    CHECK(contains(html, "<span class=\"image-link\">bad</span>"));
    CHECK(contains(html,
                   "<a href=\"https://example.com\"><span class=\"image-link\">inner</span></a>"));
  }

  SUBCASE("task items show a mark and a word, not a form control") {
    const std::string html =
        site::render_body_html(parse(R"md(## What we will repeat and what we will improve

- [ ] product: Ship it (owner: A; due: 2026-02-01)
- [x] marketing: Deck (owner: B; due: 2026-02-01)
)md"));
    CHECK_FALSE(contains(html, "<input"));
    CHECK(contains(html, "<span class=\"visually-hidden\">Open: </span>product: Ship it"));
    CHECK(contains(html, "<span class=\"visually-hidden\">Done: </span>marketing: Deck"));
  }

  SUBCASE("plain text for search has no markup and no comments") {
    const core::Review review = parse(R"md(## Summary

Northwind **chose** LedgerCo. <!-- prompt -->

> "It mattered less than the audit trail."
)md");
    const std::string text = site::body_plain_text(review);
    CHECK(contains(text, "Northwind chose LedgerCo."));
    CHECK(contains(text, "\"It mattered less than the audit trail.\""));
    CHECK_FALSE(contains(text, "prompt"));
    CHECK_FALSE(contains(text, "**"));
  }

  SUBCASE("a section's excerpt is its first paragraph, cut on a word") {
    const core::Review review = parse(R"md(## Summary

<!-- prompt -->
The first paragraph is long enough to be cut somewhere in the middle of it.

Second paragraph.
)md");
    CHECK(site::section_excerpt(review, "summary", 200) ==
          "The first paragraph is long enough to be cut somewhere in the middle of it.");
    CHECK(site::section_excerpt(review, "summary", 30) == "The first paragraph is long…");
    CHECK(site::section_excerpt(review, "value", 30).empty());
  }
}
