// `review summary` as a library: what a branch adds or changes against its base,
// and the Markdown and JSON a pull request shows.
#include "core/config.hpp"
#include "core/review.hpp"
#include "lint/summary.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using review::core::Review;
using review::lint::ChangeKind;

// A function, not a global: the defaults it copies are globals of another file.
const review::core::Config& config() {
  static const review::core::Config config = review::core::default_config("/repo");
  return config;
}

Review parse(const std::string& text, const std::string& path) {
  return review::core::parse_review(text, path, config());
}

const std::string k_acme_before = R"(---
title: Acme renewal
account: Acme
outcome: won
competitors: [LedgerCo]
close_date: 2026-01-10
account_executive: Ann Lee
amount: 100000
currency: USD
decision_factors: [capability-fit, price]
---
## What we will repeat and what we will improve

- [ ] product: Export to CSV (owner: Priya; due: 2026-03-01)
)";

// The same review on the branch: a new amount and one more action.
std::string acme_after() {
  std::string text = k_acme_before;
  text.replace(text.find("amount: 100000"), 14, "amount: 120000");
  return text + "- [x] marketing: Case study with the CFO (owner: Lena; due: 2026-02-15)\n";
}

const std::string k_globex = R"(---
title: "Globex *core* | ledger"
account: "Globex <b>Holdings</b>"
outcome: lost
lost_to: Initech
competitors: [Initech, LedgerCo]
close_date: 2026-03-01
account_executive: Bo Chen
decision_factors: [integration, capability-fit]
---
## What we will do differently

- [ ] sales: Meet the CIO in month one (owner: Bo Chen; due: 2026-04-01)
- [ ] Write down what the buyer said
)";

const std::string k_old = R"(---
title: Old deal
account: Old Co
outcome: no-decision
close_date: 2025-12-01
account_executive: Ann Lee
---
)";

struct Fixture {
  std::vector<Review> base{parse(k_acme_before, "reviews/2026/2026-01-10-acme.md"),
                           parse(k_old, "reviews/2025/2025-12-01-old-co.md")};
  std::vector<Review> changed{parse(k_globex, "reviews/2026/2026-03-01-globex.md"),
                              parse(acme_after(), "reviews/2026/2026-01-10-acme.md")};
  std::vector<std::string> branch_paths{"reviews/2026/2026-01-10-acme.md",
                                        "reviews/2026/2026-03-01-globex.md"};

  review::lint::BranchSnapshot snapshot(bool has_base) const {
    review::lint::BranchSnapshot snapshot;
    snapshot.base = "origin/main";
    snapshot.base_commit = has_base ? "0123456789abcdef0123456789abcdef01234567" : "";
    snapshot.has_base = has_base;
    snapshot.changed = changed;
    if (has_base) snapshot.base_reviews = base;
    snapshot.branch_paths = branch_paths;
    snapshot.lint.diagnostics.push_back(
        review::core::Diagnostic{"blame-language",
                                 review::core::Severity::warning,
                                 "'dropped the ball' assigns fault to a person",
                                 "name the condition",
                                 "reviews/2026/2026-03-01-globex.md",
                                 {12, 5}});
    snapshot.lint.warnings = 1;
    return snapshot;
  }
};

} // namespace

TEST_CASE("summarise_branch") {
  const Fixture fixture;

  SUBCASE("tells added from changed, and what changed") {
    const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(true));
    REQUIRE(summary.reviews.size() == 2);
    const auto& acme = summary.reviews[0];
    CHECK(acme.id == "2026-01-10-acme");
    CHECK(acme.kind == ChangeKind::changed);
    REQUIRE(acme.changes.size() == 2);
    CHECK(acme.changes[0].field == "amount");
    CHECK(acme.changes[0].before == "100000");
    CHECK(acme.changes[0].after == "120000");
    CHECK(acme.changes[1].field == "body");
    const auto& globex = summary.reviews[1];
    CHECK(globex.kind == ChangeKind::added);
    CHECK(globex.outcome == "lost");
    CHECK(globex.lost_to == "Initech");
    CHECK(globex.warnings == 1);
    CHECK(summary.removed == std::vector<std::string>{"reviews/2025/2025-12-01-old-co.md"});
  }
  SUBCASE("actions by team in the config's order, new ones marked, items without a team last") {
    const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(true));
    REQUIRE(summary.actions.size() == 4);
    CHECK(summary.actions[0].team == "product");
    CHECK_FALSE(summary.actions[0].is_new);
    CHECK(summary.actions[1].team == "marketing");
    CHECK(summary.actions[1].is_new);
    CHECK(summary.actions[1].status == review::core::ActionStatus::done);
    CHECK(summary.actions[2].team == "sales");
    CHECK(summary.actions[2].owner == "Bo Chen");
    CHECK(summary.actions[2].due == "2026-04-01");
    CHECK(summary.actions[3].team.empty());
  }
  SUBCASE("decision factors and competitors no review of the base names") {
    const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(true));
    REQUIRE(summary.new_decision_factors.size() == 1);
    CHECK(summary.new_decision_factors[0].name == "integration");
    CHECK(summary.new_decision_factors[0].review_ids ==
          std::vector<std::string>{"2026-03-01-globex"});
    REQUIRE(summary.new_competitors.size() == 1);
    CHECK(summary.new_competitors[0].name == "Initech");
  }
  SUBCASE("without the base nothing is called new, added or removed") {
    const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(false));
    REQUIRE(summary.reviews.size() == 2);
    CHECK(summary.reviews[0].kind == ChangeKind::unknown);
    CHECK(summary.reviews[0].changes.empty());
    CHECK(summary.new_decision_factors.empty());
    CHECK(summary.new_competitors.empty());
    CHECK(summary.removed.empty());
    for (const auto& action : summary.actions) CHECK_FALSE(action.is_new);
  }
}

TEST_CASE("render_summary_markdown") {
  const Fixture fixture;

  SUBCASE("a digest fit for a pull request, with user text escaped") {
    const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(true));
    CHECK(review::lint::render_summary_markdown(summary) == R"(## Win/loss reviews in this branch

Compared with `origin/main` (`0123456789ab`): 1 review added, 1 review changed and 1 review removed. Lint: 1 warning.

| | Review | Outcome | Account | Amount | Competitors | Account executive | Lint |
|---|---|---|---|---|---|---|---|
| changed | Acme renewal<br>`reviews/2026/2026-01-10-acme.md` | won | Acme | 120,000 USD | LedgerCo | Ann Lee | ✅ clean |
| added | Globex \*core\* \| ledger<br>`reviews/2026/2026-03-01-globex.md` | lost to Initech | Globex &lt;b&gt;Holdings&lt;/b&gt; | — | Initech, LedgerCo | Bo Chen | ⚠️ 1 warning |

**What changed**

- `2026-01-10-acme`: `amount`: “100000” → “120000” and the write-up

**Removed**: `reviews/2025/2025-12-01-old-co.md`

### Actions for other teams

**product**

- [ ] Export to CSV — owner Priya, due 2026-03-01 · `2026-01-10-acme`

**marketing**

- [x] Case study with the CFO — owner Lena, due 2026-02-15 · `2026-01-10-acme` · *new*

**sales**

- [ ] Meet the CIO in month one — owner Bo Chen, due 2026-04-01 · `2026-03-01-globex` · *new*

**No team named**

- [ ] Write down what the buyer said · `2026-03-01-globex` · *new*

### New to the repo

- Decision factor **integration**, first named in `2026-03-01-globex`
- Competitor **Initech**, first named in `2026-03-01-globex`

### Lint findings

- ⚠️ `reviews/2026/2026-03-01-globex.md:12:5` warning: 'dropped the ball' assigns fault to a person [blame-language]
  <br>hint: name the condition

<sub>Written by `review summary`.</sub>
)");
  }
  SUBCASE("a missing base is said, and counts stay honest") {
    auto snapshot = fixture.snapshot(false);
    snapshot.notes.push_back("the base 'origin/main' is not in this clone");
    const auto markdown =
        review::lint::render_summary_markdown(review::lint::summarise_branch(config(), snapshot));
    CHECK(markdown.find(
              "Compared with `origin/main`: 2 reviews added or changed. Lint: 1 warning.\n\n"
              "> **Note:** the base 'origin/main' is not in this clone\n") != std::string::npos);
    CHECK(markdown.find("| added or changed | Acme renewal") != std::string::npos);
  }
  SUBCASE("long finding lists are cut, saying how to see them all") {
    auto snapshot = fixture.snapshot(true);
    snapshot.lint.diagnostics.push_back(snapshot.lint.diagnostics.front());
    snapshot.lint.diagnostics.push_back(snapshot.lint.diagnostics.front());
    const auto markdown = review::lint::render_summary_markdown(
        review::lint::summarise_branch(config(), snapshot), 1);
    CHECK(markdown.find(
              "- … and 2 more: run `review lint --changed --base origin/main` to see them all\n") !=
          std::string::npos);
  }
  SUBCASE("a branch without reviews says so") {
    review::lint::BranchSnapshot snapshot;
    snapshot.base = "main";
    snapshot.has_base = true;
    const auto markdown =
        review::lint::render_summary_markdown(review::lint::summarise_branch(config(), snapshot));
    CHECK(markdown == "## Win/loss reviews in this branch\n\n"
                      "Compared with `main`: no reviews added or changed. Lint: clean.\n\n"
                      "<sub>Written by `review summary`.</sub>\n");
  }
}

TEST_CASE("render_summary_json") {
  const Fixture fixture;
  const auto summary = review::lint::summarise_branch(config(), fixture.snapshot(true));
  const auto json = nlohmann::json::parse(review::lint::render_summary_json(summary));
  CHECK(json["base"] == "origin/main");
  CHECK(json["compared_with_base"] == true);
  REQUIRE(json["reviews"].size() == 2);
  CHECK(json["reviews"][0]["change"] == "changed");
  CHECK(json["reviews"][0]["amount"] == 120000.0);
  CHECK(json["reviews"][0]["changes"][0] ==
        nlohmann::json{{"field", "amount"}, {"before", "100000"}, {"after", "120000"}});
  CHECK(json["reviews"][1]["change"] == "added");
  CHECK(json["reviews"][1]["amount"].is_null());
  CHECK(json["reviews"][1]["account"] == "Globex <b>Holdings</b>");
  CHECK(json["reviews"][1]["findings"] ==
        nlohmann::json{{"errors", 0}, {"warnings", 1}, {"suggestions", 0}});
  CHECK(json["actions"][1] == nlohmann::json{{"team", "marketing"},
                                             {"review", "2026-01-10-acme"},
                                             {"path", "reviews/2026/2026-01-10-acme.md"},
                                             {"line", 15},
                                             {"text", "Case study with the CFO"},
                                             {"owner", "Lena"},
                                             {"due", "2026-02-15"},
                                             {"status", "done"},
                                             {"new", true}});
  CHECK(json["new_competitors"] ==
        nlohmann::json::parse(R"([{"name": "Initech", "reviews": ["2026-03-01-globex"]}])"));
  CHECK(json["removed"] == nlohmann::json::parse(R"(["reviews/2025/2025-12-01-old-co.md"])"));
  CHECK(json["lint"]["warnings"] == 1);
  CHECK(json["lint"]["diagnostics"][0]["rule"] == "blame-language");
}
