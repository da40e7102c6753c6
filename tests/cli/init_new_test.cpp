// `review init` and `review new` run the way a newcomer runs them.
#include "core/config.hpp"
#include "core/review.hpp"
#include "core/scaffold.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <thread>

using namespace review::test;

TEST_CASE("review init") {
  ScratchDir dir;
  const auto result = run_review("init repo", dir.path());
  REQUIRE(result.exit_code == 0);
  for (const char* path :
       {"repo/review.yaml", "repo/.gitignore", "repo/.github/workflows/reviews.yml",
        "repo/templates/en/lost.md", "repo/templates/zh/won.md", "repo/reviews", "repo/.git"}) {
    CHECK_MESSAGE(std::filesystem::exists(dir / path), path);
  }
  SUBCASE("the written review.yaml parses without problems") {
    const auto config = review::core::load_config(dir / "repo");
    CHECK(config.problems.empty());
  }
  SUBCASE("a second init refuses and names what exists") {
    write_text(dir / "repo/review.yaml", "# mine\n");
    const auto again = run_review("init repo", dir.path());
    CHECK(again.exit_code == 2);
    CHECK(again.output.find("review.yaml") != std::string::npos);
    CHECK(again.output.find("nothing was written") != std::string::npos);
    CHECK(read_text(dir / "repo/review.yaml") == "# mine\n");
  }
}

TEST_CASE("review new") {
  ScratchDir dir;
  REQUIRE(run_review("init .", dir.path()).exit_code == 0);
  const std::string args =
      "new --no-input --outcome lost --account 'Acme Bank' --ae 'Zhang Qi' --close-date 2026-09-30 "
      "--competitor LedgerCo --amount 120000 --currency EUR --segment enterprise --region EMEA";

  SUBCASE("writes a file that parses back with every field") {
    const auto result = run_review(args, dir.path());
    REQUIRE(result.exit_code == 0);
    CHECK(result.output == "reviews/2026/2026-09-30-acme-bank.md\n");
    const auto config = review::core::load_config(dir.path());
    const auto text = read_text(dir / "reviews/2026/2026-09-30-acme-bank.md");
    const auto review =
        review::core::parse_review(text, "reviews/2026/2026-09-30-acme-bank.md", config);
    CHECK(review.diagnostics.empty());
    CHECK(review.account.value == "Acme Bank");
    CHECK(review.account_executive.value == "Zhang Qi");
    CHECK(review.outcome.value == review::core::Outcome::lost);
    CHECK(review.lost_to.value == "LedgerCo");
    CHECK(review.competitors.value == std::vector<std::string>{"LedgerCo"});
    CHECK(review.close_date.value == review::core::Date{2026, 9, 30});
    CHECK(review.amount.value == doctest::Approx(120000));
    CHECK(review.currency.value == "EUR");
    CHECK(review.segment.value == "enterprise");
    CHECK(review.region.value == "EMEA");
    CHECK(review.body.find_section("value") != nullptr);

    const auto second = run_review(args, dir.path());
    CHECK(second.exit_code == 2);
    CHECK(second.output.find("already exists") != std::string::npos);
    CHECK(read_text(dir / "reviews/2026/2026-09-30-acme-bank.md") == text);
  }
  SUBCASE("two concurrent runs for the same deal: one file, one clear error") {
    CommandResult a;
    CommandResult b;
    std::thread first([&] { a = run_review(args, dir.path()); });
    std::thread second([&] { b = run_review(args, dir.path()); });
    first.join();
    second.join();
    CHECK(a.exit_code + b.exit_code == 2);
    CHECK((a.output + b.output).find("already exists") != std::string::npos);
  }
  SUBCASE("--no-input fails clearly on a missing field") {
    const auto result = run_review("new --no-input --outcome won --account Acme", dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("missing account executive and close date") != std::string::npos);
    CHECK(result.output.find("--ae NAME") != std::string::npos);
  }
  SUBCASE("hostile account names make safe file names") {
    const auto result = run_review(
        "new --no-input --outcome won --account '../../etc/passwd' --ae X --close-date 2026-01-05",
        dir.path());
    REQUIRE(result.exit_code == 0);
    CHECK(result.output == "reviews/2026/2026-01-05-etc-passwd.md\n");
    const auto chinese = run_review("new --no-input --outcome won --account '华信证券' --ae X "
                                    "--close-date 2026-01-05 --lang zh",
                                    dir.path());
    REQUIRE(chinese.exit_code == 0);
    CHECK(chinese.output == "reviews/2026/2026-01-05-华信证券.md\n");
    CHECK(read_text(dir / "reviews/2026/2026-01-05-华信证券.md").find("## 概要") !=
          std::string::npos);
  }
  SUBCASE("quotes and backslashes in values survive the YAML") {
    const auto result = run_review("new --no-input --outcome won --account 'Say \"Hi\" \\ Co: #1' "
                                   "--ae X --close-date 2026-01-06",
                                   dir.path());
    REQUIRE(result.exit_code == 0);
    const auto path = dir / "reviews/2026/2026-01-06-say-hi-co-1.md";
    const auto review =
        review::core::parse_review(read_text(path), "x.md", review::core::load_config(dir.path()));
    CHECK(review.account.value == "Say \"Hi\" \\ Co: #1");
  }
}

TEST_CASE("every built-in template renders to a review that parses cleanly") {
  const auto config = review::core::default_config("/tmp");
  for (const auto& name : review::core::builtin_template_names()) {
    if (name.starts_with("init/")) continue;
    CAPTURE(name);
    const auto slash = name.find('/');
    review::core::NewReviewFields fields;
    fields.language = name.substr(0, slash);
    fields.outcome = name.substr(slash + 1);
    fields.account = "Acme";
    fields.account_executive = "Zhang Qi";
    fields.close_date = review::core::Date{2026, 9, 30};
    const auto text = review::core::render_review(
        review::core::load_template(config, fields.language, fields.outcome), fields);
    const auto review = review::core::parse_review(text, "reviews/2026/2026-09-30-acme.md", config);
    CHECK(review.diagnostics.empty());
    for (const char* id : {"summary", "value", "voices", "factors", "next-time"}) {
      CAPTURE(id);
      CHECK(review.body.find_section(id) != nullptr);
    }
  }
}
