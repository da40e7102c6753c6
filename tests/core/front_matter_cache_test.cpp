#include "core/config.hpp"
#include "core/front_matter_cache.hpp"
#include "core/git.hpp"

#include "support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace review::core;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;

namespace {

// Everything parse_yaml reports, positions included, as text to compare.
std::string describe(const YamlValue& value) {
  std::string out = fmt::format("{}@{}:{}", static_cast<int>(value.kind), value.position.line,
                                value.position.column);
  if (value.is_scalar()) out += fmt::format("{}'{}'", value.quoted ? "q" : "", value.scalar);
  for (const YamlValue& item : value.items) out += "[" + describe(item) + "]";
  for (const YamlValue::Entry& entry : value.entries)
    out += fmt::format("{{{}@{}:{}={}}}", entry.key, entry.key_position.line,
                       entry.key_position.column, describe(entry.value));
  return out;
}

std::string describe(const YamlParseResult& result) {
  return fmt::format("ok={} error='{}'@{}:{} hint='{}' root={}", result.ok, result.error,
                     result.error_position.line, result.error_position.column, result.hint,
                     describe(result.root));
}

const std::vector<std::string> k_front_matters = {
    "title: Northwind Pay core ledger\noutcome: lost\namount: \"480000\"\n"
    "competitors: [Ledgerly, CoreBank]\nstakeholders:\n  - role: CFO\n    stance: against\n",
    "empty:\nnothing: ~\nnested: {a: {b: [1, 2, {c: d}]}}\n",
    "title: [unclosed\n",                   // a syntax error, cached as an error
    "a: &x [1, 2]\nb: *x\nc: \"客户 ✓\"\n", // aliases and UTF-8
    "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, "
    "*c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e]\n", // a limit
    "",
};

} // namespace

TEST_CASE("the front-matter cache gives what parse_yaml gives, from memory and from disk") {
  ScratchDir dir;
  const auto file = dir / "cache" / "front-matter";
  {
    FrontMatterCache cache(file);
    for (const std::string& yaml : k_front_matters)
      CHECK(describe(cache.parse(yaml, 2)) == describe(parse_yaml(yaml, 2)));
    CHECK(cache.hits() == 0);
    CHECK(cache.misses() == static_cast<int>(k_front_matters.size()));
    cache.save(true);
  }
  FrontMatterCache again(file);
  for (const std::string& yaml : k_front_matters) {
    INFO(yaml);
    CHECK(describe(again.parse(yaml, 2)) == describe(parse_yaml(yaml, 2)));
  }
  CHECK(again.hits() == static_cast<int>(k_front_matters.size()));
  CHECK(again.misses() == 0);
  // The first line is part of the key: positions differ, so this is a miss.
  CHECK(describe(again.parse(k_front_matters[0], 7)) ==
        describe(parse_yaml(k_front_matters[0], 7)));
  CHECK(again.misses() == 1);
}

TEST_CASE("a damaged or foreign cache file reads as empty and is rewritten") {
  ScratchDir dir;
  const auto file = dir / "front-matter";
  {
    FrontMatterCache cache(file);
    for (const std::string& yaml : k_front_matters) cache.parse(yaml, 2);
    cache.save(true);
  }
  const std::string good = read_text(file);
  const std::string magic = "review front-matter cache 2\n";
  REQUIRE(good.starts_with(magic));

  std::vector<std::string> damaged;
  for (std::size_t cut = 0; cut < good.size(); cut += 7) damaged.push_back(good.substr(0, cut));
  std::string flipped = good;
  for (std::size_t at = magic.size() + 16; at < flipped.size(); at += 5) flipped[at] ^= 0x5A;
  damaged.push_back(flipped);
  std::string foreign = good;
  foreign[magic.size()] ^= 1; // another program's identity
  damaged.push_back(foreign);

  for (const std::string& bytes : damaged) {
    write_text(file, bytes);
    FrontMatterCache cache(file);
    for (const std::string& yaml : k_front_matters)
      CHECK(describe(cache.parse(yaml, 2)) == describe(parse_yaml(yaml, 2)));
  }
  {
    write_text(file, foreign);
    FrontMatterCache cache(file);
    for (const std::string& yaml : k_front_matters) cache.parse(yaml, 2);
    CHECK(cache.hits() == 0);
    cache.save(true);
  }
  FrontMatterCache rewritten(file);
  for (const std::string& yaml : k_front_matters) rewritten.parse(yaml, 2);
  CHECK(rewritten.hits() == static_cast<int>(k_front_matters.size()));
}

TEST_CASE("the front-matter cache keeps the rest on a partial run and drops what a full run left") {
  ScratchDir dir;
  const auto file = dir / "front-matter";
  const auto run = [&](const std::vector<std::string>& texts, bool whole_repo) {
    FrontMatterCache cache(file);
    for (const std::string& yaml : texts) cache.parse(yaml, 2);
    cache.save(whole_repo);
    return cache.hits();
  };
  const std::string a = "title: A\n";
  const std::string b = "title: B\n";
  const std::string c = "title: C\n";
  const std::string d = "title: D\n";
  const std::string e = "title: E\n";
  CHECK(run({a, b, c, d}, true) == 0);
  CHECK(run({e}, false) == 0); // a partial run adds, and keeps the rest
  CHECK(run({a, b, c, d, e}, false) == 5);
  CHECK(run({a, b}, true) == 2); // c, d and e are no longer in the repo
  CHECK(run({a, b, c, d, e}, true) == 2);
}

TEST_CASE("the front-matter cache lives in the git folder, and only there") {
  ScratchDir dir;
  Config config;
  config.root = dir.path();
  {
    FrontMatterCache outside = FrontMatterCache::for_repo(config);
    outside.parse("title: A\n", 2);
    outside.save(true);
    CHECK(outside.hits() + outside.misses() == 0); // not even looked up
  }
  CHECK_FALSE(std::filesystem::exists(dir / ".git"));

  GitRepo::init(dir.path());
  {
    FrontMatterCache inside = FrontMatterCache::for_repo(config);
    inside.parse("title: A\n", 2);
    inside.save(true);
  }
  CHECK(std::filesystem::exists(dir / ".git" / "review-cache" / "front-matter"));
  FrontMatterCache on = FrontMatterCache::for_repo(config);
  CHECK(on.parse("title: A\n", 2).ok);
  CHECK(on.hits() == 1);

  ::setenv("REVIEW_CACHE", "off", 1);
  FrontMatterCache off = FrontMatterCache::for_repo(config);
  off.parse("title: A\n", 2);
  CHECK(off.hits() + off.misses() == 0);
  ::unsetenv("REVIEW_CACHE");
}

TEST_CASE("the front-matter cache file changes only on save(), and a failed write is no error") {
  ScratchDir dir;
  const auto folder = dir / "cache";
  const auto file = folder / "front-matter";
  const auto names = [&] {
    std::string listed;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
      listed += entry.path().filename().string() + " ";
    return listed;
  };
  {
    FrontMatterCache cache(file);
    cache.parse("title: A\n", 2);
    cache.save(true);
  }
  const std::string saved = read_text(file);
  { // new entries are streamed to a temporary file, removed when the run ends early
    FrontMatterCache cache(file);
    for (const std::string& yaml : k_front_matters) cache.parse(yaml, 2);
    CHECK(names().find(".front-matter.tmp-") != std::string::npos);
  }
  CHECK(read_text(file) == saved);
  CHECK(names() == "front-matter ");
  { // a run that parsed nothing new and dropped nothing leaves the file alone
    FrontMatterCache cache(file);
    cache.parse("title: A\n", 2);
    cache.save(true);
    CHECK(cache.hits() == 1);
  }
  CHECK(read_text(file) == saved);

  // A cache whose folder cannot be made (a file is in the way): parsing goes on.
  const auto blocked = dir / "blocked";
  write_text(blocked, "a file, not a folder\n");
  FrontMatterCache cache(blocked / "front-matter");
  for (const std::string& yaml : k_front_matters)
    CHECK(describe(cache.parse(yaml, 2)) == describe(parse_yaml(yaml, 2)));
  cache.save(true);
  CHECK(read_text(blocked) == "a file, not a folder\n");
}
