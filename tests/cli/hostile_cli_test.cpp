// Hostile input end to end: a repo holding every hostile file at once (the fixtures
// of tests/fixtures/hostile/ plus big, deep and looping ones made here) is linted and
// built by the real binary. Neither may crash or hang; lint names each bad file with
// its line, and build still writes the site for the reviews that can be read.
#include "support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using review::test::run_review;
using review::test::ScratchDir;
using review::test::write_text;

constexpr const char* k_good = R"(---
title: A readable review
account: Example Co
outcome: won
close_date: 2026-03-05
account_executive: Zhang Qi
---

## Summary

The customer chose us after a short pilot.
)";

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// Every hostile file under reviews/2026/, named after its edge case.
std::vector<std::string> make_hostile_repo(const fs::path& root) {
  const fs::path reviews = root / "reviews/2026";
  fs::create_directories(reviews);
  std::vector<std::string> names;
  for (const auto& entry :
       fs::directory_iterator(review::test::source_dir() / "tests/fixtures/hostile")) {
    if (entry.path().extension() != ".md") continue;
    fs::copy_file(entry.path(), reviews / entry.path().filename());
    names.push_back(entry.path().filename().string());
  }
  write_text(reviews / "2026-03-05-readable.md", k_good);
  write_text(reviews / "deep-blockquote.md",
             std::string(k_good) + "\n" + repeat("> ", 10000) + "deep\n");
  write_text(reviews / "deep-list.md", std::string(k_good) + "\n" + repeat("- ", 10000) + "deep\n");
  // One 1 MiB line of prose and emphasis with a blame phrase at its very end. (The
  // fixture many-inline-comments-one-line.md is the same shape full of inline comments.)
  write_text(reviews / "long-line.md", std::string(k_good) + "\n" +
                                           repeat("plain words, *some* `code` ", 40000) +
                                           "and the AE dropped the ball.\n");
  std::string front_matter = "---\n";
  for (int i = 0; i < 100000; ++i) front_matter += "key_" + std::to_string(i) + ": value\n";
  write_text(reviews / "long-front-matter.md", front_matter + "---\n");
  {
    std::ofstream big(reviews / "big.md", std::ios::binary);
    const std::string chunk(1024 * 1024, 'a');
    for (int i = 0; i < 50; ++i) big << chunk;
  }
  fs::create_directory_symlink("..", reviews / "loop");
  fs::create_symlink("b.md", reviews / "a.md");
  fs::create_symlink("a.md", reviews / "b.md");
  fs::create_directories(reviews / "folder.md");
  for (const char* name : {"deep-blockquote.md", "deep-list.md", "long-line.md",
                           "long-front-matter.md", "big.md", "a.md", "b.md", "folder.md"}) {
    names.emplace_back(name);
  }
  return names;
}

bool sanitizer_spoke(const std::string& output) {
  return output.find("Sanitizer") != std::string::npos ||
         output.find("runtime error:") != std::string::npos ||
         output.find("terminate called") != std::string::npos;
}

} // namespace

TEST_CASE("hostile input end to end") {
  ScratchDir dir;
  const std::vector<std::string> names = make_hostile_repo(dir.path());

  SUBCASE("review lint reports every hostile file with its line, and exits 1") {
    const auto result = run_review("lint --today 2026-09-01", dir.path());
    CHECK_FALSE(sanitizer_spoke(result.output));
    CHECK(result.exit_code == 1);
    for (const auto& name : names) {
      if (name == "crlf.md" || name == "bom.md") continue; // well-formed apart from their encoding
      CHECK_MESSAGE(result.output.find("reviews/2026/" + name + ":") != std::string::npos, name);
    }
    CHECK(
        result.output.find(
            "reviews/2026/big.md:1:1: error: the file is 50.0 MiB; reviews are limited to 4 MiB") !=
        std::string::npos);
    CHECK(result.output.find("reviews/2026/long-front-matter.md:1:1: error: the front matter is") !=
          std::string::npos);
    // Blame language on the one 1 MiB line is found far along it, with its column.
    CHECK(result.output.find("reviews/2026/long-line.md:13:") != std::string::npos);
    // 40,000 inline comments on one line, each a finding with its excerpt: the last one
    // at its column, cut around its caret. Each finding once cost the whole line (and
    // lint took minutes); see docs/performance.md.
    CHECK(result.output.find("reviews/2026/many-inline-comments-one-line.md:11:639992: warning: "
                             "the template's prompt is still in this section [placeholders]\n"
                             "    … c --> word <!-- c --> word <!-- c --> word <!-- c --> word "
                             "<!-- c --> end\n" +
                             std::string(65, ' ') + "^\n") != std::string::npos);
  }

  SUBCASE("review build writes the site for what it can read, and says what it left out") {
    const auto result = run_review("build", dir.path());
    CHECK_FALSE(sanitizer_spoke(result.output));
    CHECK((result.exit_code == 0 || result.exit_code == 1));
    CHECK(fs::exists(dir.path() / "_site/index.html"));
    CHECK(result.output.find("reviews/2026/big.md") != std::string::npos);
    // The page of the review with 40,000 inline comments on one line, every one cut out.
    const std::string page =
        review::test::read_text(dir.path() / "_site/reviews/many-inline-comments-one-line.html");
    CHECK(page.find("x word word word") != std::string::npos);
    CHECK(page.find("word  end</p>") != std::string::npos);
    CHECK(page.find("&lt;!--") == std::string::npos);
  }
}
