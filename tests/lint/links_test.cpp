// The links rule: relative links to Markdown files resolve.
#include "lint_support.hpp"
#include "support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_line =
    "Next time we will ask in the first two meetings who signs off on controls.";

TEST_CASE("links") {
  ScratchDir repo;
  write_text(repo / "docs/method.md", "# Method\n");
  const auto config = review::core::default_config(repo.path());
  RuleRun run;
  run.repo_paths = {std::string(k_clean_path), "reviews/2025/2025-11-19-huaxin-securities.md",
                    "reviews/2026/2026-03-05-andes-pay.md"};
  const auto lint_line = [&](std::string_view line) {
    return lines(run_rule("links", replaced(k_clean_review, k_line, line), config, run));
  };

  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("links", k_clean_review, config, run)) == "");
  }

  SUBCASE("links to reviews in the same folder, another year and the repo root resolve") {
    CHECK(lint_line("See [Andes](2026-03-05-andes-pay.md#summary), "
                    "[Huaxin](../2025/2025-11-19-huaxin-securities.md) "
                    "and [the method](/docs/method.md).") == "");
  }

  SUBCASE("a link that leads nowhere, with the nearest review") {
    const auto findings =
        run_rule("links", replaced(k_clean_review, k_line, "See [Andes](2026-03-05-andes.md)."),
                 config, run);
    CHECK(lines(findings) == "46:6 error: the link to '2026-03-05-andes.md' leads nowhere: there "
                             "is no reviews/2026/2026-03-05-andes.md\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.starts_with("did you mean '2026-03-05-andes-pay.md'?"));
  }

  SUBCASE("a review from another folder is suggested with its relative path") {
    const auto findings = run_rule(
        "links", replaced(k_clean_review, k_line, "See [Huaxin](2025-11-19-huaxin-securities.md)."),
        config, run);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].hint.starts_with("did you mean '../2025/2025-11-19-huaxin-securities.md'?"));
  }

  SUBCASE("a review from another year needs ../") {
    CHECK(lint_line("See [Huaxin](2025-11-19-huaxin-securities.md).") ==
          "46:6 error: the link to '2025-11-19-huaxin-securities.md' leads nowhere: there is no "
          "reviews/2026/2025-11-19-huaxin-securities.md\n");
  }

  SUBCASE("web links, e-mail links, anchors and other files are not followed") {
    CHECK(lint_line(
              "See [site](https://example.com/x.md), [mail](mailto:a@b.md), [top](#summary) and "
              "[deck](deck.pdf).") == "");
  }

  SUBCASE("percent-encoded names resolve") {
    write_text(repo / "reviews/2026/notes on pricing.md", "x\n");
    CHECK(lint_line("See [notes](notes%20on%20pricing.md).") == "");
  }
}

} // namespace
