// Hostile input: bytes no editor should produce, files too big or too deep, folders
// that loop, files that vanish or grow while read. Each must be parsed without a
// crash or a hang and reported with its file and line. Small cases are golden
// fixtures (tests/fixtures/hostile/<edge-case>.md + .expected), and so is one 640 KB
// line of 40,000 inline comments that once made lint and build quadratic; other big
// ones are built here, in memory or in a scratch folder, once each.
#include "core/config.hpp"
#include "core/front_matter.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"

#include "support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace core = review::core;
namespace fs = std::filesystem;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;

constexpr std::string_view k_front_matter = R"(---
title: Hostile input check
account: Example Co
outcome: won
close_date: 2026-03-05
account_executive: Zhang Qi
---
)";

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

std::string format_diagnostics(const std::vector<core::Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", d.file, d.position.line, d.position.column,
                       core::severity_name(d.severity), d.message, d.rule);
  }
  return out;
}

// The diagnostic of `rule` whose message contains `needle`, or nullptr.
const core::Diagnostic* find_diagnostic(const std::vector<core::Diagnostic>& diagnostics,
                                        std::string_view needle) {
  const auto it =
      std::find_if(diagnostics.begin(), diagnostics.end(), [&](const core::Diagnostic& d) {
        return d.message.find(needle) != std::string::npos;
      });
  return it == diagnostics.end() ? nullptr : &*it;
}

// A repo in a scratch folder: review.yaml-less, reviews under reviews/.
struct ScratchRepo {
  ScratchDir dir;
  core::Config config = core::default_config(dir.path());

  fs::path reviews() const { return dir.path() / "reviews"; }
  core::RepoScan scan() const { return core::scan_repo(config, 2); }
};

} // namespace

TEST_CASE("hostile input") {
  const core::Config config = core::default_config("/repo");

  SUBCASE("golden fixtures: each small hostile file gives exactly these diagnostics") {
    const fs::path folder = review::test::source_dir() / "tests/fixtures/hostile";
    const bool update = std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() == ".md") inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() >= 10);
    for (const auto& input : inputs) {
      CAPTURE(input.filename().string());
      const std::string path = "tests/fixtures/hostile/" + input.filename().string();
      const core::Review review = core::parse_review(read_text(input), path, config);
      const std::string actual = format_diagnostics(review.diagnostics);
      fs::path expected_file = input;
      expected_file.replace_extension(".expected");
      if (update) write_text(expected_file, actual);
      const std::string expected = read_text(expected_file);
      if (actual != expected) {
        MESSAGE("--- expected " << expected_file.string() << "\n"
                                << expected << "+++ actual\n"
                                << actual << "(REVIEW_UPDATE_GOLDEN=1 rewrites the expected file)");
      }
      CHECK(actual == expected);
    }
  }

  SUBCASE("CRLF, CR-only and a BOM give the same review as plain LF") {
    const std::string lf = std::string(k_front_matter) + "\n## Summary\n\nThe customer chose us.\n";
    std::string crlf;
    for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const core::Review plain = core::parse_review(lf, "reviews/x.md", config);
    for (const std::string& variant : {crlf, "\xEF\xBB\xBF" + lf, "\xEF\xBB\xBF" + crlf}) {
      const core::Review review = core::parse_review(variant, "reviews/x.md", config);
      CHECK(review.diagnostics.empty());
      CHECK(review.title.value == plain.title.value);
      REQUIRE(review.body.sections.size() == 1);
      CHECK(review.body.sections[0].position == plain.body.sections[0].position);
      CHECK(review.body.blocks.back().position == plain.body.blocks.back().position);
    }
  }

  SUBCASE("a front matter of 100,000 lines is reported at its fence, not parsed") {
    std::string text = "---\n";
    for (int i = 0; i < 100000; ++i) text += fmt::format("key_{}: value\n", i);
    text += "---\n\n## Summary\n\nStill read.\n";
    const core::Review review = core::parse_review(text, "reviews/long.md", config);
    REQUIRE(review.diagnostics.size() == 1);
    CHECK(review.diagnostics[0].position == core::Position{1, 1});
    CHECK(review.diagnostics[0].message ==
          "the front matter is 1649 KiB; front matter is limited to 64 KiB and was not read");
    CHECK_FALSE(review.front_matter_ok);
    REQUIRE(review.body.sections.size() == 1); // the body is still parsed
    CHECK(review.body.sections[0].position.line == 100004);
  }

  SUBCASE("YAML nested 10,000 levels deep is an error with a line, not a stack overflow") {
    const std::string text =
        "---\ntitle: x\nfactors: " + repeat("[", 10000) + repeat("]", 10000) + "\n---\n";
    const core::Review review = core::parse_review(text, "reviews/deep.md", config);
    const auto* found = find_diagnostic(review.diagnostics, "nested more than 64 levels deep");
    REQUIRE(found != nullptr);
    CHECK(found->position.line == 3);
    CHECK(found->hint.find("two or three levels deep") != std::string::npos);
    std::string block = "---\n";
    for (int depth = 0; depth < 3000; ++depth)
      block += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "-\n";
    block += "---\n";
    CHECK(find_diagnostic(core::parse_review(block, "reviews/deep.md", config).diagnostics,
                          "was not read") != nullptr);
  }

  SUBCASE("lists and blockquotes nested 10,000 levels deep") {
    for (std::string_view opener : {"> ", "- ", "1. ", "* > "}) {
      CAPTURE(opener);
      const std::string text =
          std::string(k_front_matter) + "\n## Summary\n\n" + repeat(opener, 10000) + "deep\n";
      const core::Review review = core::parse_review(text, "reviews/deep.md", config);
      CHECK(review.diagnostics.empty());
      const auto& last = review.body.blocks.back();
      CHECK(last.text == "deep");
      CHECK(last.quote_depth + last.list_depth > 100);
      CHECK(last.position.line == 11);
    }
    // 1,000 lines, each one level deeper than the last: md4c keeps every level open.
    std::string stairs = std::string(k_front_matter) + "\n";
    for (std::size_t depth = 1; depth <= 1000; ++depth) stairs += repeat("> ", depth) + "step\n";
    const core::Review review = core::parse_review(stairs, "reviews/stairs.md", config);
    CHECK(review.body.blocks.back().quote_depth == 1000);
  }

  SUBCASE("one 3.9 MiB line: every position on it is right, in linear time") {
    // Text runs, inline comments and emphasis all on line 11; a column counted from
    // the line start for each of them would take hours (it did, before LineIndex
    // remembered its last answer and long runs were cut into pieces).
    const std::string unit = "word <!-- note --> *em* ";
    const std::size_t units = 3'900'000 / unit.size();
    const std::string text =
        std::string(k_front_matter) + "\n## Summary\n\nx " + repeat(unit, units) + "end\n";
    REQUIRE(text.size() < core::k_max_review_bytes);
    const core::Review review = core::parse_review(text, "reviews/line.md", config);
    CHECK(review.diagnostics.empty());
    REQUIRE(review.body.comments.size() == units);
    const int last_column = static_cast<int>(3 + (units - 1) * unit.size() + 5);
    CHECK(review.body.comments.back().position == core::Position{11, last_column});
    const core::Block& block = review.body.blocks.back();
    CHECK(block.position_at(block.text.rfind("end")) ==
          core::Position{11, static_cast<int>(3 + units * unit.size())});
  }

  SUBCASE("a 10 MB single line parses in memory; from disk it is over the size limit") {
    constexpr int k_units = 800'000; // "客户 words ": 13 bytes, 9 code points
    const std::string text =
        std::string(k_front_matter) + "\n## Summary\n\n" + repeat("客户 words ", k_units) + "\n";
    REQUIRE(text.size() > 10'000'000);
    const core::Review review = core::parse_review(text, "reviews/huge.md", config);
    CHECK(review.diagnostics.empty());
    const core::Block& block = review.body.blocks.back();
    CHECK(block.position_at(block.text.rfind("words")) ==
          core::Position{11, (k_units - 1) * 9 + 4});

    ScratchRepo repo;
    write_text(repo.reviews() / "2026/huge.md", text);
    const core::RepoScan scan = repo.scan();
    CHECK(scan.reviews.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(format_diagnostics(scan.problems) == "reviews/2026/huge.md:1:1: error: the file is 9.9 "
                                               "MiB; reviews are limited to 4 MiB and this one was "
                                               "skipped [file]\n");
  }

  SUBCASE("a 50 MiB review is skipped with a message, without being read") {
    ScratchRepo repo;
    fs::create_directories(repo.reviews());
    {
      std::ofstream out(repo.reviews() / "big.md", std::ios::binary);
      const std::string chunk(1024 * 1024, 'a');
      for (int i = 0; i < 50; ++i) out << chunk;
    }
    write_text(repo.reviews() / "small.md", std::string(k_front_matter));
    const core::RepoScan scan = repo.scan();
    REQUIRE(scan.reviews.size() == 1);
    CHECK(scan.reviews[0].path == "reviews/small.md");
    CHECK(format_diagnostics(scan.problems) ==
          "reviews/big.md:1:1: error: the file is 50.0 MiB; reviews are limited to 4 MiB and this "
          "one was skipped "
          "[file]\n");
    // The same limit holds for reviews read from a git tree (in memory).
    const std::vector<core::SourceFile> files = {
        {"reviews/big.md", std::string(core::k_max_review_bytes + 1, 'a')},
        {"reviews/edge.md", std::string(core::k_max_review_bytes, 'a')}};
    const core::RepoScan tree = core::parse_reviews(config, files, 1);
    REQUIRE(tree.problems.size() == 1);
    CHECK(tree.problems[0].file == "reviews/big.md");
    REQUIRE(tree.reviews.size() == 1);
    CHECK(tree.reviews[0].path == "reviews/edge.md");
  }

  SUBCASE("a symlink loop, a folder named like a review and a dangling link") {
    ScratchRepo repo;
    write_text(repo.reviews() / "2026/ok.md", std::string(k_front_matter));
    fs::create_directory_symlink("..", repo.reviews() / "2026/loop");
    fs::create_symlink("b.md", repo.reviews() / "a.md");
    fs::create_symlink("a.md", repo.reviews() / "b.md");
    fs::create_symlink("missing.md", repo.reviews() / "dangling.md");
    fs::create_directories(repo.reviews() / "2026/folder.md");
    const core::RepoScan scan = repo.scan();
    REQUIRE(scan.reviews.size() == 1);
    CHECK(scan.reviews[0].path == "reviews/2026/ok.md");
    const std::string report = format_diagnostics(scan.problems);
    CHECK(report.find("reviews/2026/loop:0:0: warning: this folder is a symbolic link and was "
                      "skipped [file]") != std::string::npos);
    CHECK(report.find(
              "reviews/2026/folder.md:1:1: error: this is a folder, not a review file [file]") !=
          std::string::npos);
    for (const char* name :
         {"reviews/a.md:1:1: error: could not read the file", "reviews/b.md:1:1: error",
          "reviews/dangling.md:1:1: error: could not read the file"}) {
      CHECK_MESSAGE(report.find(name) != std::string::npos, report);
    }
  }

  SUBCASE("an unreadable file is reported, not fatal") {
    ScratchRepo repo;
    const fs::path locked = repo.reviews() / "locked.md";
    write_text(locked, std::string(k_front_matter));
    fs::permissions(locked, fs::perms::none);
    if (access(locked.c_str(), R_OK) == 0) {
      // root (CI) reads through chmod 000, so there is nothing to refuse.
      MESSAGE("skipped: this user can read a chmod 000 file (running as root?)");
      return;
    }
    const core::RepoScan scan = repo.scan();
    CHECK(scan.reviews.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].message.starts_with("could not read the file"));
    CHECK(scan.problems[0].position == core::Position{1, 1});
  }

  SUBCASE("a file growing while the repo is scanned") {
    ScratchRepo repo;
    for (int i = 0; i < 20; ++i)
      write_text(repo.reviews() / fmt::format("r{:02}.md", i), std::string(k_front_matter));
    const fs::path growing = repo.reviews() / "r07.md";
    std::atomic<bool> stop = false;
    std::thread writer([&] {
      std::ofstream out(growing, std::ios::binary | std::ios::app);
      const std::string line = "More text appended while the scan reads the file.\n";
      for (int i = 0; i < 200000 && !stop; ++i) out << line << std::flush;
    });
    for (int round = 0; round < 20; ++round) {
      const core::RepoScan scan = repo.scan();
      // Every file is accounted for: parsed, or reported (grown past the limit).
      CHECK(scan.reviews.size() + scan.problems.size() == 20);
    }
    stop = true;
    writer.join();
  }

  SUBCASE("a file removed between listing and reading") {
    ScratchRepo repo;
    write_text(repo.reviews() / "gone.md", std::string(k_front_matter));
    std::vector<core::Diagnostic> problems;
    const auto files = core::list_review_files(repo.config, problems);
    REQUIRE(files.size() == 1);
    fs::remove(files[0]);
    const core::RepoScan scan = core::load_reviews(repo.config, files, 1);
    CHECK(scan.reviews.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file == "reviews/gone.md");
    CHECK(scan.problems[0].message.starts_with("could not read the file"));
  }
}
