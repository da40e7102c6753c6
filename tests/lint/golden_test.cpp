// Golden fixtures: tests/fixtures/lint/<edge-case>.md beside <edge-case>.expected,
// the exact text output of linting it (no colour, today pinned to 2026-09-01, overdue
// actions reported).
// REVIEW_UPDATE_GOLDEN=1 rewrites the expected files; a mismatch prints a diff.
#include "core/config.hpp"
#include "core/repo.hpp"
#include "lint/engine.hpp"
#include "lint/format.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace {

using namespace review;

std::string lint_fixture(const std::filesystem::path& file) {
  // Rooted at the checkout, so paths read tests/fixtures/lint/…; defaults otherwise.
  const core::Config config = core::parse_config("rules:\n  actions: {overdue: true}\n",
                                                 test::source_dir() / "review.yaml");
  const std::vector<std::filesystem::path> files{file};
  core::RepoScan scan = core::load_reviews(config, files, 1);
  lint::LintScope scope;
  scope.today = core::Date{2026, 9, 1};
  for (const auto& review : scan.reviews) scope.repo_paths.push_back(review.path);
  const lint::LintReport report =
      lint::lint_reviews(config, scan.reviews, scope, std::move(scan.problems));
  return lint::format_text(report, {});
}

TEST_CASE("golden lint fixtures") {
  const auto folder = test::source_dir() / "tests/fixtures/lint";
  std::vector<std::filesystem::path> fixtures;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".md") fixtures.push_back(entry.path());
  }
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(fixtures.size() >= 10);
  const bool update = std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr;
  test::ScratchDir scratch;
  for (const auto& fixture : fixtures) {
    const auto expected_path = std::filesystem::path(fixture).replace_extension(".expected");
    const std::string actual = lint_fixture(fixture);
    if (update) {
      test::write_text(expected_path, actual);
      continue;
    }
    const std::string expected =
        std::filesystem::exists(expected_path) ? test::read_text(expected_path) : "";
    if (actual == expected) {
      CHECK(true);
      continue;
    }
    const auto actual_path = scratch / (fixture.stem().string() + ".actual");
    test::write_text(actual_path, actual);
    const auto diff = test::run_command("diff -u " + test::shell_quote(expected_path.string()) +
                                            " " + test::shell_quote(actual_path.string()),
                                        scratch.path());
    FAIL_CHECK(fixture.filename().string()
               << " differs from its .expected (REVIEW_UPDATE_GOLDEN=1 rewrites it):\n"
               << diff.output);
  }
}

} // namespace
