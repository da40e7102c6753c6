#include "core/config.hpp"
#include "core/error.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

using namespace review::core;
using review::test::ScratchDir;
using review::test::write_text;

TEST_CASE("default_config") {
  const Config config = default_config("/repo");
  CHECK(config.reviews_dir == "reviews");
  CHECK(config.fiscal_year_start_month == 1);
  CHECK(config.site.output == "_site");
  CHECK(config.teams.size() == 6);
  CHECK(config.decision_factors.size() == 18);
  CHECK(config.sections.match("Beyond price, what were the key factors in the decision?") ==
        "factors");
  CHECK(config.sections.match("除了价格以外，客户决策的关键因素是什么？") == "factors");
  CHECK(config.sections.match("What we will repeat and what we will improve") == "next-time");
  CHECK(config.sections.match("下次我们会怎么做") == "next-time");
  CHECK_FALSE(config.sections.match("Random notes"));
}

TEST_CASE("Config::display_path") {
  // The shortcut for plain paths under the root gives what the lexical rule gives.
  const auto lexical = [](const std::filesystem::path& root, const std::filesystem::path& path) {
    auto relative = path.lexically_normal().lexically_relative(root.lexically_normal());
    if (relative.empty() || relative.native().starts_with("..")) relative = path;
    return relative.generic_string();
  };
  for (const char* root : {"/repo", "/repo/", "/", "repo", "/a/../repo", "/repo/."}) {
    review::core::Config config;
    config.root = root;
    for (const char* path : {"/repo/reviews/a.md", "/repo//reviews/a.md", "/repo/./reviews/a.md",
                             "/repo/reviews/../a.md", "/repo/reviews/", "/repo", "/repository/a.md",
                             "/other/a.md", "repo/reviews/a.md", "/repo/reviews/2026/b.md"}) {
      INFO("root " << root << ", path " << path);
      CHECK(config.display_path(path) == lexical(root, path));
    }
  }
}

TEST_CASE("parse_config") {
  SUBCASE("vocabularies extend the defaults; sections accept extra headings") {
    const Config config = parse_config(R"(
fiscal_year_start_month: 2
teams: [legal]
decision_factors: [data-residency]
roster: [Zhang Qi, Maria Lopez]
sections:
  value: ["In the customer's words"]
site:
  title: Acme wins and losses
rules:
  brevity: {severity: warning, max_words: 800}
  privacy: off
)",
                                       "/repo/review.yaml");
    CHECK(config.problems.empty());
    CHECK(config.root == "/repo");
    CHECK(config.fiscal_year_start_month == 2);
    CHECK(config.teams.back() == "legal");
    CHECK(config.teams.size() == 7);
    CHECK(config.decision_factors.back() == "data-residency");
    CHECK(config.roster.size() == 2);
    CHECK(config.sections.match("In the customer's words") == "value");
    CHECK(config.site.title == "Acme wins and losses");
    CHECK(config.rules.at("brevity").severity == Severity::warning);
    CHECK(config.rules.at("brevity").options.find("max_words")->scalar == "800");
    CHECK(config.rules.at("privacy").severity == Severity::off);
  }
  SUBCASE("problems are data with positions and suggestions") {
    const Config config = parse_config(
        "fiscal_year_start_month: 13\nteam: [x]\nrules:\n  brevity: loud\n", "/r/review.yaml");
    REQUIRE(config.problems.size() == 3);
    CHECK(config.problems[0].position == Position{1, 26});
    CHECK(config.problems[1].message == "unknown key 'team'");
    CHECK(config.problems[1].hint == "did you mean 'teams'?");
    CHECK(config.problems[2].message.find("got 'loud'") != std::string::npos);
  }
  SUBCASE("invalid YAML throws with file, line and column") {
    CHECK_THROWS_WITH_AS(parse_config("teams: [a, b\n", "/r/review.yaml"),
                         doctest::Contains("/r/review.yaml:1:8: the list opened with '['"), Error);
  }
}

TEST_CASE("load_config discovery") {
  ScratchDir dir;
  write_text(dir / "review.yaml", "site:\n  title: Found\n");
  std::filesystem::create_directories(dir / "reviews/2026");
  SUBCASE("walks up from a subfolder") {
    const Config config = load_config(dir / "reviews/2026");
    CHECK(config.site.title == "Found");
    CHECK(config.root == dir.path());
  }
  SUBCASE("without review.yaml the folder holding .git is the root") {
    ScratchDir bare;
    std::filesystem::create_directories(bare / ".git");
    std::filesystem::create_directories(bare / "reviews");
    const Config config = load_config(bare / "reviews");
    CHECK(config.file.empty());
    CHECK(config.root == bare.path());
  }
}
