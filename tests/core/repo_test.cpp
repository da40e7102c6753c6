#include "core/config.hpp"
#include "core/repo.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <algorithm>

using namespace review::core;
using review::test::ScratchDir;
using review::test::write_text;

namespace {
const char* k_review = "---\ntitle: t\naccount: a\noutcome: won\nclose_date: "
                       "2026-01-02\naccount_executive: x\n---\n## Summary\nok\n";
}

TEST_CASE("scan_repo") {
  ScratchDir dir;
  const Config config = default_config(dir.path());
  for (int i = 0; i < 40; ++i)
    write_text(dir / ("reviews/2026/2026-01-02-r" + std::to_string(i) + ".md"), k_review);
  write_text(dir / "reviews/README.md", "# about this folder\n");
  write_text(dir / "reviews/2026/ReadMe.md", "ignored, in any case");
  write_text(dir / "reviews/.hidden.md", "ignored");
  write_text(dir / "reviews/2026/upper.MD", "ignored: the extension is .md");
  write_text(dir / "reviews/2026/2026-01-05-readme.md", k_review); // a review, not a README
  write_text(dir / "reviews/_draft.md", "ignored");
  write_text(dir / "reviews/2026/notes.txt", "ignored");
  write_text(dir / "reviews/2026/2026-01-03-latin1.md", std::string(k_review) + "caf\xE9\n");
  std::filesystem::create_directories(dir / "reviews/2026/folder.md");
  std::filesystem::create_directory_symlink(dir / "reviews", dir / "reviews/2026/loop");
  write_text(dir / "reviews/2026/2026-01-04-huge.md",
             std::string(k_review) + std::string(k_max_review_bytes, 'x'));

  const RepoScan scan = scan_repo(config);
  CHECK(scan.reviews.size() == 42);
  CHECK(std::is_sorted(scan.reviews.begin(), scan.reviews.end(),
                       [](const Review& a, const Review& b) { return a.path < b.path; }));
  CHECK(scan.reviews[0].path == "reviews/2026/2026-01-02-r0.md");
  const auto latin1 = std::find_if(scan.reviews.begin(), scan.reviews.end(),
                                   [](const Review& r) { return r.id == "2026-01-03-latin1"; });
  REQUIRE(latin1 != scan.reviews.end());
  REQUIRE(latin1->diagnostics.size() == 1);
  CHECK(latin1->diagnostics[0].rule == "file");
  CHECK(latin1->diagnostics[0].position == Position{10, 4});

  std::string problems;
  for (const auto& p : scan.problems) problems += p.file + ": " + p.message + "\n";
  CHECK(problems.find("reviews/2026/folder.md: this is a folder") != std::string::npos);
  CHECK(problems.find("reviews/2026/loop: this folder is a symbolic link") != std::string::npos);
  CHECK(problems.find(
            "reviews/2026/2026-01-04-huge.md: the file is 4.0 MiB; reviews are limited to 4 MiB") !=
        std::string::npos);
}

TEST_CASE("a trim runs on every review as it is loaded or parsed") {
  ScratchDir dir;
  const Config config = default_config(dir.path());
  for (int i = 0; i < 20; ++i)
    write_text(dir / ("reviews/2026-01-02-r" + std::to_string(i) + ".md"), k_review);
  const ReviewTrim drop_body = [](Review& review) {
    CHECK_FALSE(review.body.blocks.empty()); // parsed whole before the trim
    review.body.blocks = {};
  };
  const auto all_trimmed = [](const RepoScan& scan) {
    return scan.reviews.size() == 20 &&
           std::all_of(scan.reviews.begin(), scan.reviews.end(),
                       [](const Review& review) { return review.body.blocks.empty(); });
  };
  CHECK(all_trimmed(scan_repo(config, 4, nullptr, drop_body)));
  std::vector<SourceFile> files;
  for (int i = 0; i < 20; ++i) files.push_back({"r" + std::to_string(i) + ".md", k_review});
  CHECK(all_trimmed(parse_reviews(config, files, 4, drop_body)));
  CHECK_FALSE(scan_repo(config).reviews.front().body.blocks.empty());
}

TEST_CASE("scan_repo without a reviews folder") {
  ScratchDir dir;
  const RepoScan scan = scan_repo(default_config(dir.path()));
  CHECK(scan.reviews.empty());
  CHECK(scan.problems.empty());
}

TEST_CASE("list_review_files keeps std::filesystem::path's order") {
  ScratchDir dir;
  const Config config = default_config(dir.path());
  for (const char* name :
       {"2026/a.md", "2026-a/b.md", "2026/a-b.md", "2026/a.b.md", "2026/A.md", "2026/\xC3\xA9.md",
        "2026/ab/c.md", "2026/a/b.md", "2026/a!.md", "2026.md", "2026 q1/x.md", "z.md"})
    write_text(dir / "reviews" / name, k_review);
  std::vector<Diagnostic> problems;
  const auto files = list_review_files(config, problems);
  CHECK(files.size() == 12);
  auto expected = files;
  std::sort(expected.begin(), expected.end());
  CHECK(files == expected);
}
