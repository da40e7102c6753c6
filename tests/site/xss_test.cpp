// The XSS fixture (tests/fixtures/site/xss) puts script, event-handler and
// javascript: payloads with quotes and angle brackets in every front-matter field,
// the config and the body. Every page is scanned tag by tag: only the elements and
// attributes the site writes itself may appear, no on* attribute, no script URL.
#include "site/build.hpp"
#include "site/site_test_support.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <string>

using namespace review;
namespace fs = std::filesystem;

namespace {

const std::set<std::string> k_elements = {
    "!doctype", "html",   "head",       "meta",    "title",  "link",   "body",       "a",
    "div",      "header", "nav",        "ul",      "ol",     "li",     "main",       "footer",
    "p",        "span",   "h1",         "h2",      "h3",     "h4",     "h5",         "h6",
    "section",  "table",  "thead",      "tbody",   "tr",     "th",     "td",         "time",
    "form",     "label",  "input",      "select",  "option", "button", "noscript",   "script",
    "svg",      "rect",   "text",       "g",       "desc",   "figure", "figcaption", "dl",
    "dt",       "dd",     "blockquote", "article", "aside",  "strong", "em",         "code",
    "pre",      "del",    "caption",    "br",      "hr",     "mark",   "sup",        "sub",
    "tfoot"};

struct Tag {
  std::string name;
  bool closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;
};

// Reads the tag at `at` (just past '<'). Attribute values are always double-quoted
// on our pages; anything else is reported as an attribute named "?".
Tag read_tag(const std::string& html, std::size_t& at) {
  Tag tag;
  if (at < html.size() && html[at] == '/') {
    tag.closing = true;
    ++at;
  }
  while (at < html.size() &&
         (std::isalnum(static_cast<unsigned char>(html[at])) || html[at] == '!')) {
    tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[at++])));
  }
  while (at < html.size() && html[at] != '>') {
    if (std::isspace(static_cast<unsigned char>(html[at])) || html[at] == '/') {
      ++at;
      continue;
    }
    std::string name;
    while (at < html.size() && html[at] != '=' && html[at] != '>' &&
           !std::isspace(static_cast<unsigned char>(html[at]))) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[at++])));
    }
    std::string value;
    if (at < html.size() && html[at] == '=') {
      ++at;
      if (at >= html.size() || html[at] != '"') {
        tag.attributes.emplace_back("?", name);
        break;
      }
      const std::size_t close = html.find('"', at + 1);
      value = html.substr(at + 1, close - at - 1);
      at = close + 1;
    }
    tag.attributes.emplace_back(name, value);
  }
  return tag;
}

bool is_script_url(std::string value) {
  std::string compact;
  for (char c : value) {
    if (static_cast<unsigned char>(c) > 0x20)
      compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return compact.starts_with("javascript:") || compact.starts_with("data:") ||
         compact.starts_with("vbscript:") || compact.starts_with("javascript&#");
}

} // namespace

TEST_CASE("escaping on every page") {
  test::ScratchDir scratch;
  const fs::path repo = test::copy_fixture("xss", scratch / "repo");
  const site::BuildResult result =
      site::build_site(core::load_config(repo), test::pinned_options(scratch / "out"));
  REQUIRE(result.reviews == 1);
  const auto files = test::read_tree(scratch / "out");

  int pages = 0;
  for (const auto& [path, html] : files) {
    if (!path.ends_with(".html")) continue;
    ++pages;
    const std::string& page = path; // clang 14 cannot capture a structured binding in INFO
    INFO(page);
    int scripts = 0;
    for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at)) {
      ++at;
      const Tag tag = read_tag(html, at);
      CHECK_MESSAGE(k_elements.contains(tag.name), "unexpected element <" << tag.name << ">");
      for (const auto& attribute : tag.attributes) {
        const std::string& name = attribute.first;
        const std::string& value = attribute.second;
        CHECK_MESSAGE(name != "?", "unquoted attribute value in <" << tag.name << ">");
        CHECK_MESSAGE(!name.starts_with("on"),
                      "event handler " << name << " in <" << tag.name << ">");
        CHECK_MESSAGE(name != "style", "inline style in <" << tag.name << ">");
        if (name == "href" || name == "src" || name == "action") {
          CHECK_MESSAGE(!is_script_url(value),
                        name << "=\"" << value << "\" in <" << tag.name << ">");
        }
      }
      if (tag.name == "script" && !tag.closing) {
        ++scripts;
        bool ours = false;
        for (const auto& [name, value] : tag.attributes) {
          ours = ours || (name == "src" && value.ends_with("assets/site.js")) ||
                 (name == "type" && value == "application/json");
        }
        CHECK_MESSAGE(ours, "a <script> the site did not write");
      }
    }
    CHECK(scripts <= 2); // a listing's JSON config and site.js
  }
  CHECK(pages >= 10);

  SUBCASE("the payloads are shown as text") {
    const std::string& page = files.at("reviews/2026-03-10-xss-payloads.html");
    CHECK(page.find("Title &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") !=
          std::string::npos);
    CHECK(page.find("&lt;/blockquote&gt;&lt;script&gt;alert(&#39;price&#39;)&lt;/script&gt; "
                    "&quot;quoted&quot;") != std::string::npos);
    CHECK(page.find("&lt;script&gt;alert('body')&lt;/script&gt;") != std::string::npos);
  }

  SUBCASE("json in scripts and search shards cannot end the script") {
    for (const auto& [path, text] : files) {
      if (!path.starts_with("search/")) continue;
      const std::string& shard = path;
      INFO(shard);
      CHECK(text.find("</") == std::string::npos);
      CHECK(text.find('<') == std::string::npos);
    }
  }

  SUBCASE("the csv defuses spreadsheet formulas and the feed is escaped xml") {
    CHECK(files.at("actions.csv").find(",'=1+2 looks like a spreadsheet formula,'@lena.park,") !=
          std::string::npos);
    CHECK(files.at("actions.csv").find(",=") == std::string::npos);
    CHECK(files.at("feed.xml").find("<script") == std::string::npos);
  }
}
