// Golden test of a small fixture repo's site (tests/fixtures/site/basic): the list
// of files written, the exports, and a few exact page fragments, compared with
// tests/fixtures/site/basic.expected/. REVIEW_UPDATE_GOLDEN=1 rewrites them.
#include "site/build.hpp"
#include "site/site_test_support.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

using namespace review;
namespace fs = std::filesystem;

namespace {

// The text from the first `begin` to the end of the first `end` after it.
std::string fragment(const std::string& text, const std::string& begin, const std::string& end) {
  const std::size_t from = text.find(begin);
  if (from == std::string::npos) return "(missing: " + begin + ")\n";
  const std::size_t to = text.find(end, from);
  if (to == std::string::npos) return "(missing: " + end + ")\n";
  return text.substr(from, to + end.size() - from) + "\n";
}

} // namespace

TEST_CASE("golden site fixtures") {
  test::ScratchDir scratch;
  const fs::path repo = test::copy_fixture("basic", scratch / "repo");
  site::build_site(core::load_config(repo), test::pinned_options(scratch / "out"));
  const auto files = test::read_tree(scratch / "out");

  std::map<std::string, std::string> actual;
  std::string listing;
  for (const auto& [path, content] : files) listing += path + "\n";
  actual["files.txt"] = listing;
  actual["reviews.json"] = files.at("reviews.json");
  actual["actions.csv"] = files.at("actions.csv");
  actual["feed.xml"] = files.at("feed.xml");
  const std::string& alpha = files.at("reviews/2026-02-10-alpha-bank.html");
  actual["alpha-bank-body.html"] = fragment(alpha, "<article class=\"prose\">", "</article>");
  actual["alpha-bank-panel.html"] = fragment(alpha, "<aside class=\"side-panel\"", "</aside>");
  actual["home-cards.html"] =
      fragment(files.at("index.html"), "<section class=\"cards\"", "</section>");
  actual["losses-listing.html"] =
      fragment(files.at("losses/index.html"), "<table class=\"listing\"><thead>", "</table>");
  actual["coverage-table.html"] =
      fragment(files.at("coverage/index.html"), "<table class=\"coverage\">", "</table>");
  actual["search-shard.js"] = files.at("search/lost-000.js");

  const fs::path expected_dir = test::source_dir() / "tests/fixtures/site/basic.expected";
  const bool update = std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr;
  for (const auto& [name, text] : actual) {
    const fs::path expected_path = expected_dir / name;
    if (update) {
      test::write_text(expected_path, text);
      continue;
    }
    const std::string expected = fs::exists(expected_path) ? test::read_text(expected_path) : "";
    if (text == expected) {
      CHECK(true);
      continue;
    }
    const fs::path actual_path = scratch / (name + ".actual");
    test::write_text(actual_path, text);
    const auto diff = test::run_command("diff -u " + test::shell_quote(expected_path.string()) +
                                            " " + test::shell_quote(actual_path.string()),
                                        scratch.path());
    FAIL_CHECK(name << " differs from tests/fixtures/site/basic.expected (REVIEW_UPDATE_GOLDEN=1 "
                       "rewrites it):\n"
                    << diff.output);
  }
}
