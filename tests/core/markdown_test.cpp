#include "core/config.hpp"
#include "core/markdown.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace review::core;

namespace {
Body parse_body(const std::string& text, std::size_t offset = 0) {
  static const SectionCatalog catalog = default_section_catalog();
  return parse_markdown(text, offset, catalog);
}
} // namespace

TEST_CASE("LineIndex") {
  const LineIndex index("ab\n客户x\n");
  CHECK(index.position_of(0) == Position{1, 1});
  CHECK(index.position_of(3) == Position{2, 1});
  CHECK(index.position_of(9) == Position{2, 3}); // after two 3-byte characters
}

TEST_CASE("parse_markdown positions") {
  SUBCASE("text runs map to file line and column through md4c's pointers") {
    const std::string text = "---\ntitle: x\n---\n## Summary\n\nWe *lost* to `LedgerCo` here.\n";
    const Body body = parse_body(text, 17);
    REQUIRE(body.blocks.size() == 2);
    const Block& paragraph = body.blocks[1];
    CHECK(paragraph.text == "We lost to LedgerCo here.");
    CHECK(paragraph.position == Position{6, 1});
    CHECK(paragraph.position_at(paragraph.text.find("lost")) == Position{6, 5});
    CHECK(paragraph.position_at(paragraph.text.find("here")) == Position{6, 25});
    CHECK(paragraph.is_code_at(paragraph.text.find("LedgerCo")));
    CHECK_FALSE(paragraph.is_code_at(paragraph.text.find("here")));
  }
  SUBCASE("columns count characters, not bytes") {
    const std::string text = "客户说：**很好**。\n";
    const Body body = parse_body(text);
    REQUIRE(body.blocks.size() == 1);
    CHECK(body.blocks[0].position_at(body.blocks[0].text.find("很好")) == Position{1, 7});
  }
  SUBCASE("soft breaks keep the next line's position") {
    const Body body = parse_body("first line\nsecond line\n");
    const Block& block = body.blocks.at(0);
    CHECK(block.text == "first line\nsecond line");
    CHECK(block.position_at(block.text.find("second")) == Position{2, 1});
  }
  SUBCASE("blockquotes, lists and code blocks are marked") {
    const Body body = parse_body("> the customer said\n\n- item\n\n```\ncode\n```\n");
    REQUIRE(body.blocks.size() == 3);
    CHECK(body.blocks[0].quote_depth == 1);
    CHECK(body.blocks[1].kind == BlockKind::list_item);
    CHECK(body.blocks[1].list_depth == 1);
    CHECK(body.blocks[2].is_code());
    CHECK(body.blocks[2].position == Position{6, 1});
  }
}

TEST_CASE("parse_markdown sections") {
  const std::string text = R"(# Northwind
## summary
Short.
## How would the customer articulate the value of their choice
<!-- prompt only -->
## 谁是会议室内外最具影响力的声音？
CIO.
### Detail
More.
## Something else
)";
  const Body body = parse_body(text);
  REQUIRE(body.sections.size() == 5);
  CHECK(body.sections[0].id == "");
  CHECK(body.sections[0].level == 1);
  CHECK(body.sections[1].id == "summary");
  CHECK(body.sections[1].has_content);
  CHECK(body.sections[1].position == Position{2, 4});
  CHECK(body.sections[2].id == "value");
  CHECK_FALSE(body.sections[2].has_content);
  CHECK(body.sections[3].id == "voices");
  CHECK(body.sections[3].has_content);
  CHECK(body.sections[4].id == "");
  CHECK(body.find_section("voices") == &body.sections[3]);
  // The level-3 heading stays inside its section.
  CHECK(body.blocks[body.sections[3].end_block - 1].text == "More.");
  REQUIRE(body.comments.size() == 1);
  CHECK(body.comments[0].text == " prompt only ");
  CHECK(body.comments[0].position == Position{5, 1});
  CHECK(body.comments[0].section == 2);
}

TEST_CASE("parse_markdown actions") {
  const std::string text = R"(## What we will do differently
We will meet the CIO earlier.

- [ ] product: Ship audit export (owner: Priya Nair; due: 2026-10-15)
- [x] marketing: CIO deck (owner: Lena Park; due: 2026-09-30)
- [ ] ~~finance: Net-impact model (owner: Ana; due: 2026-09-01)~~
- [ ] call the CIO
- [ ] 产品：审计导出（负责人：王芳；截止：2026-12-01）
- [ ] enablement: Train the team (CFO track) (owner: Ana Ruiz (PM); due: 2026-11-02)
- plain item
)";
  const Body body = parse_body(text);
  REQUIRE(body.actions.size() == 6);
  const Action& first = body.actions[0];
  CHECK(first.team == "product");
  CHECK(first.text == "Ship audit export");
  CHECK(first.owner == "Priya Nair");
  CHECK(first.due == Date{2026, 10, 15});
  CHECK(first.status == ActionStatus::open);
  CHECK(first.position == Position{4, 3});
  CHECK(body.actions[1].status == ActionStatus::done);
  CHECK(body.actions[2].status == ActionStatus::dropped);
  CHECK(body.actions[2].team == "finance");
  CHECK(body.actions[3].team.empty());
  CHECK(body.actions[3].text == "call the CIO");
  CHECK(body.actions[4].team == "产品");
  CHECK(body.actions[4].owner == "王芳");
  CHECK(body.actions[4].due == Date{2026, 12, 1});
  // Parentheses inside the text and inside a field do not cut the fields short.
  CHECK(body.actions[5].text == "Train the team (CFO track)");
  CHECK(body.actions[5].owner == "Ana Ruiz (PM)");
  CHECK(body.actions[5].due == Date{2026, 11, 2});
}

TEST_CASE("parse_markdown links") {
  const Body body = parse_body(
      "See [the Contoso win](../2026/2026-03-12-contoso.md) and <https://example.com>.\n");
  REQUIRE(body.links.size() == 2);
  CHECK(body.links[0].href == "../2026/2026-03-12-contoso.md");
  CHECK(body.links[0].text == "the Contoso win");
  CHECK(body.links[0].position == Position{1, 6});
  CHECK(body.links[1].href == "https://example.com");
}

TEST_CASE("parse_markdown odd input") {
  CHECK(parse_body("").blocks.empty());
  const std::string nul("a\0b", 3);
  CHECK(parse_body(nul).blocks.size() == 1);
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "> ";
  deep += "x\n";
  CHECK_NOTHROW(parse_body(deep));
}
