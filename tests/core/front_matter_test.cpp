#include "core/front_matter.hpp"
#include "core/yaml_value.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace review::core;

TEST_CASE("normalise_source") {
  SUBCASE("drops a UTF-8 BOM") {
    const auto source = normalise_source("\xEF\xBB\xBF---\na: 1\n---\n");
    CHECK(source.had_bom);
    CHECK(source.text == "---\na: 1\n---\n");
  }
  SUBCASE("turns CRLF and lone CR into LF, keeping line numbers") {
    const auto source = normalise_source("a\r\nb\rc\n");
    CHECK(source.had_crlf);
    CHECK(source.text == "a\nb\nc\n");
  }
  SUBCASE("CRs at the edges, in a row, and none at all") {
    CHECK(normalise_source("\r").text == "\n");
    CHECK(normalise_source("\r\n").text == "\n");
    CHECK(normalise_source("\r\r\n\n\r").text == "\n\n\n\n");
    CHECK(normalise_source("x\r").text == "x\n");
    CHECK(normalise_source("\rx").text == "\nx");
    const auto plain = normalise_source("no carriage return\n");
    CHECK_FALSE(plain.had_crlf);
    CHECK(plain.text == "no carriage return\n");
    CHECK(normalise_source("").text.empty());
  }
}

TEST_CASE("split_front_matter") {
  SUBCASE("fenced front matter and body") {
    const std::string text = "---\ntitle: x\n---\n## Summary\n";
    const auto split = split_front_matter(text);
    CHECK(split.status == FrontMatterSplit::Status::ok);
    CHECK(split.yaml == "title: x\n");
    CHECK(split.yaml_first_line == 2);
    CHECK(split.body == "## Summary\n");
    CHECK(split.body_first_line == 4);
    CHECK(split.body_offset == 17);
  }
  SUBCASE("'...' closes the front matter too, trailing spaces tolerated") {
    const auto split = split_front_matter("---  \ntitle: x\n...\nbody");
    CHECK(split.status == FrontMatterSplit::Status::ok);
    CHECK(split.body == "body");
  }
  SUBCASE("empty front matter") {
    const auto split = split_front_matter("---\n---\nbody");
    CHECK(split.status == FrontMatterSplit::Status::ok);
    CHECK(split.yaml.empty());
  }
  SUBCASE("missing closing fence") {
    const auto split = split_front_matter("---\ntitle: x\n## Summary\n");
    CHECK(split.status == FrontMatterSplit::Status::not_closed);
    CHECK(split.opening_fence == Position{1, 1});
  }
  SUBCASE("no front matter") {
    CHECK(split_front_matter("## Summary\n").status == FrontMatterSplit::Status::absent);
    CHECK(split_front_matter("----\n").status == FrontMatterSplit::Status::absent);
  }
  SUBCASE("empty file") {
    CHECK(split_front_matter("").status == FrontMatterSplit::Status::empty_file);
    CHECK(split_front_matter(" \n\n").status == FrontMatterSplit::Status::empty_file);
  }
}

TEST_CASE("parse_yaml") {
  SUBCASE("positions are in file coordinates") {
    const auto result = parse_yaml("title: x\noutcome: lost\nlist:\n  - a\n  - b\n", 2);
    REQUIRE(result.ok);
    const auto* outcome = result.root.find_entry("outcome");
    REQUIRE(outcome != nullptr);
    CHECK(outcome->key_position == Position{3, 1});
    CHECK(outcome->value.position == Position{3, 10});
    const auto* list = result.root.find("list");
    REQUIRE(list != nullptr);
    REQUIRE(list->items.size() == 2);
    CHECK(list->items[1].position == Position{6, 5});
  }
  SUBCASE("quoted scalars are marked") {
    const auto result = parse_yaml("a: \"123\"\nb: 123\n", 1);
    CHECK(result.root.find("a")->quoted);
    CHECK_FALSE(result.root.find("b")->quoted);
  }
  SUBCASE("syntax errors carry a position") {
    const auto result = parse_yaml("title: x\nlist: [a, b\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error_position.line >= 3);
    CHECK_FALSE(result.error.empty());
  }
  SUBCASE("alias bombs are stopped, not expanded") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char previous = 'a';
    for (char name = 'b'; name <= 'j'; ++name) {
      bomb += std::string(1, name) + ": &" + name + " [";
      for (int i = 0; i < 10; ++i) bomb += std::string(i != 0 ? ", *" : "*") + previous;
      bomb += "]\n";
      previous = name;
    }
    const auto result = parse_yaml(bomb, 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find("200,000") != std::string::npos);
    CHECK(result.hint.find("aliases (*name)") != std::string::npos);
    // a..e stand for 123,455 values; f's first *e would add 111,111 more.
    CHECK(result.error_position == Position{7, 8});
  }
  SUBCASE("an alias repeats its anchor's value, positions included") {
    const auto result = parse_yaml("a: &x [1, {k: v}]\nb: *x\n", 2);
    REQUIRE(result.ok);
    const auto* a = result.root.find("a");
    const auto* b = result.root.find_entry("b");
    REQUIRE(b != nullptr);
    CHECK(b->key_position == Position{3, 1});
    REQUIRE(b->value.items.size() == 2);
    CHECK(b->value.items[0].scalar == "1");
    REQUIRE(b->value.items[1].find("k") != nullptr);
    CHECK(b->value.items[1].find("k")->scalar == "v");
    CHECK(b->value.position == a->position);
    CHECK(b->value.items[1].position == a->items[1].position);
  }
  SUBCASE("an alias can stand for a key") {
    const auto result = parse_yaml("&k name: 1\n*k : 2\n", 1);
    REQUIRE(result.ok);
    REQUIRE(result.root.entries.size() == 2);
    CHECK(result.root.entries[1].key == "name");
    CHECK(result.root.entries[1].value.scalar == "2");
  }
  SUBCASE("an alias inside its own anchor's value is refused at the alias") {
    const auto result = parse_yaml("base: &b\n  title: x\n  again: *b\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "a YAML alias repeats the value that holds it, without end");
    CHECK(result.error_position == Position{4, 10});
    CHECK(result.hint.find("anchor") != std::string::npos);
  }
  SUBCASE("an anchor used again names the newer value, even while it is open") {
    const auto repeated = parse_yaml("a: &x 1\nb: &x 2\nc: *x\n", 1);
    REQUIRE(repeated.ok);
    CHECK(repeated.root.find("c")->scalar == "2");
    const auto cycle = parse_yaml("a: &x 1\nb: &x [*x]\n", 1);
    CHECK_FALSE(cycle.ok);
    CHECK(cycle.error == "a YAML alias repeats the value that holds it, without end");
  }
  SUBCASE("an alias counts the levels of the value it repeats") {
    const auto nested = [](std::size_t levels, std::string_view inside) {
      return std::string(levels, '[') + std::string(inside) + std::string(levels, ']');
    };
    // The anchored value is 40 levels deep; repeated 30 levels down it reaches 70.
    const auto too_deep =
        parse_yaml("a: &d " + nested(40, "") + "\nb: " + nested(30, "*d") + "\n", 2);
    CHECK_FALSE(too_deep.ok);
    CHECK(too_deep.error == "the front matter is nested more than 64 levels deep");
    CHECK(too_deep.error_position == Position{3, 34});
    // 20 levels down it reaches 60, which is allowed.
    CHECK(parse_yaml("a: &d " + nested(40, "") + "\nb: " + nested(20, "*d") + "\n", 2).ok);
  }
  SUBCASE("missing, ~ and null values are null; quoted null is text") {
    const auto result = parse_yaml("a:\nb: ~\nc: null\nd: 'null'\n", 1);
    REQUIRE(result.ok);
    CHECK(result.root.find("a")->is_null());
    CHECK(result.root.find("b")->is_null());
    CHECK(result.root.find("c")->is_null());
    CHECK(result.root.find("d")->is_scalar());
    CHECK(result.root.find("d")->quoted);
  }
  SUBCASE("a front matter of comments only is null at its first line") {
    const auto result = parse_yaml("# nothing yet\n", 5);
    REQUIRE(result.ok);
    CHECK(result.root.is_null());
    CHECK(result.root.position == Position{5, 1});
  }
  SUBCASE("deep nesting is refused") {
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "[";
    for (int i = 0; i < 100; ++i) deep += "]";
    const auto result = parse_yaml("a: " + deep + "\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.hint.find("two or three levels") != std::string::npos);
  }
  SUBCASE("an alias without an anchor is named") {
    const auto result = parse_yaml("title: x\nlost_to: *rival\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "the YAML alias *rival has no anchor &rival before it");
    CHECK(result.error_position == Position{3, 10});
    CHECK_FALSE(result.hint.empty());
  }
  SUBCASE("a control character is named at its line and column, with a hint") {
    const auto result = parse_yaml("title: x\naccount: 北\x0bwind\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find("(U+000B)") != std::string::npos);
    CHECK(result.error_position == Position{3, 11});
    CHECK(result.hint.starts_with("delete it"));
  }
  SUBCASE("any other syntax error names the line where what was being read starts") {
    const auto result = parse_yaml("title: x\naccount: 'Acme's'\n", 2);
    CHECK_FALSE(result.ok);
    CHECK(result.error ==
          "did not find expected key (while parsing a block mapping that starts on line 2)");
    CHECK(result.error_position == Position{3, 16});
  }
  SUBCASE("columns count code points") {
    const auto result = parse_yaml("标题: [甲方, 乙方]\n", 2);
    REQUIRE(result.ok);
    REQUIRE(result.root.find("标题") != nullptr);
    const auto& items = result.root.find("标题")->items;
    REQUIRE(items.size() == 2);
    CHECK(items[0].position == Position{2, 6});
    CHECK(items[1].position == Position{2, 10});
  }
  SUBCASE("only the first document is read") {
    const auto result = parse_yaml("title: x\n...\nnot: [read\n", 2);
    REQUIRE(result.ok);
    CHECK(result.root.entries.size() == 1);
  }
  SUBCASE("a tag or quotes make null text") {
    const auto result = parse_yaml("a: !!str null\nb: \"~\"\n", 1);
    REQUIRE(result.ok);
    CHECK(result.root.find("a")->scalar == "null");
    CHECK_FALSE(result.root.find("a")->quoted);
    CHECK(result.root.find("b")->quoted);
  }
  SUBCASE("the most common mistakes are said plainly, where to fix them") {
    const auto unclosed = parse_yaml("title: \"Acme renewal\noutcome: won\n", 2);
    CHECK(unclosed.error == "the quote opened on line 2 is never closed");
    CHECK(unclosed.error_position == Position{2, 8});
    CHECK(unclosed.hint.starts_with("close the quote"));
    const auto tab = parse_yaml("stakeholders:\n\t- name: Dana\n", 2);
    CHECK(tab.error == "a tab indents this line, and YAML indents with spaces only");
    CHECK(tab.error_position == Position{3, 1});
    CHECK(tab.hint == "replace the tab with spaces");
    const auto reserved = parse_yaml("title: 北 x\naccount: @acme\n", 2);
    CHECK(reserved.error == "a value cannot start with '@' unless it is in quotes");
    CHECK(reserved.error_position == Position{3, 10});
    const auto after_chinese = parse_yaml("competitors: [北方, `x`]\n", 2);
    CHECK(after_chinese.error == "a value cannot start with '`' unless it is in quotes");
    CHECK(after_chinese.error_position == Position{2, 19});
    const auto stray = parse_yaml("title: x\nremember the pricing call\noutcome: won\n", 2);
    CHECK(stray.error == "this line has no ':' after its key");
    CHECK(stray.error_position == Position{3, 1});
    CHECK_FALSE(stray.hint.empty());
    const auto list = parse_yaml("title: x\ncompetitors: [a, b\nclose_date: 2026-01-02\n", 2);
    CHECK(list.error == "the list opened with '[' on line 3 needs a ',' between items and a ']' "
                        "at its end");
    CHECK(list.error_position == Position{3, 14});
    const auto mapping = parse_yaml("champion: {name: Dana\nrole: CFO\n", 2);
    CHECK(mapping.error.starts_with("the mapping opened with '{' on line 2"));
  }
  SUBCASE("a syntax error leaves the hint to the caller") {
    CHECK(parse_yaml("title: x\naccount: 'Acme's'\n", 2).hint.empty());
  }
}
