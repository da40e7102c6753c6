#include "core/config.hpp"
#include "core/review.hpp"
#include "site/aggregate.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

using namespace review;

namespace {

// Reviews built from front matter plus an optional body; a deque keeps addresses stable.
struct Corpus {
  core::Config config = core::default_config("/tmp");
  std::deque<core::Review> reviews;

  const core::Review& add(const std::string& id, const std::string& front_matter,
                          const std::string& body = "") {
    reviews.push_back(core::parse_review("---\n" + front_matter + "---\n" + body,
                                         "reviews/" + id + ".md", config));
    return reviews.back();
  }
  std::vector<const core::Review*> pointers() const {
    std::vector<const core::Review*> all;
    for (const auto& r : reviews) all.push_back(&r);
    return all;
  }
};

} // namespace

TEST_CASE("aggregate") {
  Corpus corpus;
  corpus.add("a", R"(title: A
account: Alpha
outcome: won
close_date: 2026-01-10
account_executive: Ann
amount: 100000
segment: enterprise
competitors: [LedgerCo, Reconify]
decision_factors: [integration, price]
price_role: contributing
stakeholders:
  - title: CIO
    role: decision-maker
    in_room: false
  - title: Ops lead
    role: champion
    in_room: true
  - title: Analyst
    role: user
)");
  corpus.add("b", R"(title: B
account: Beta
outcome: lost
lost_to: LedgerCo
competitors: [LedgerCo]
close_date: 2026-02-10
account_executive: Bo
amount: 300000
segment: enterprise
decision_factors: [price, integration, price]
stakeholders:
  - title: CFO
    role: economic-buyer
    in_room: true
)");
  corpus.add("c", R"(title: C
account: Gamma
outcome: no-decision
close_date: 2026-04-02
account_executive: Ann
segment: smb
price_role: deciding
decision_factors: [budget-timing]
)");
  corpus.add("d", R"(title: D
account: Delta
close_date: 2026-04-03
account_executive: Cy
)"); // no outcome: left out of every number

  const auto reviews = corpus.pointers();
  const site::Insights insights = site::compute_insights(reviews, corpus.config);

  SUBCASE("win rate by count and by amount") {
    CHECK(insights.totals.won == 1);
    CHECK(insights.totals.lost == 1);
    CHECK(insights.totals.no_decision == 1);
    CHECK(insights.totals.total() == 3);
    CHECK(insights.totals.win_rate() == doctest::Approx(1.0 / 3.0));
    CHECK(insights.totals.amount_total() == doctest::Approx(400000));
    CHECK(insights.totals.amount_win_rate() == doctest::Approx(0.25));
    CHECK(site::OutcomeCounts{}.win_rate() == 0.0);
    CHECK(site::OutcomeCounts{}.amount_win_rate() == 0.0);
  }

  SUBCASE("breakdowns") {
    REQUIRE(insights.by_quarter.size() == 2);
    CHECK(insights.by_quarter[0].key == "2026Q1");
    CHECK(insights.by_quarter[0].counts.total() == 2);
    CHECK(insights.by_quarter[1].key == "2026Q2");
    // LedgerCo is named twice in review b (competitors and lost_to) but counts once.
    REQUIRE(insights.by_competitor.size() == 2);
    CHECK(insights.by_competitor[0].key == "LedgerCo");
    CHECK(insights.by_competitor[0].counts.won == 1);
    CHECK(insights.by_competitor[0].counts.lost == 1);
    CHECK(insights.by_competitor[1].key == "Reconify");
    REQUIRE(insights.by_segment.size() == 2);
    CHECK(insights.by_segment[0].key == "enterprise");
    CHECK(insights.by_segment[1].key == "smb");
    REQUIRE(insights.by_ae.size() == 2);
    CHECK(insights.by_ae[0].key == "Ann");
    CHECK(insights.by_ae[0].counts.total() == 2);
    CHECK(insights.by_ae[1].key == "Bo");
  }

  SUBCASE("factor counts, top-ranked included") {
    REQUIRE(insights.factors.size() == 3);
    // integration and price are named twice each (price twice in b counts once); by name on ties.
    CHECK(insights.factors[0].factor == "integration");
    CHECK(insights.factors[0].counts.total() == 2);
    CHECK(insights.factors[0].top.won == 1);
    CHECK(insights.factors[0].top.lost == 0);
    CHECK(insights.factors[1].factor == "price");
    CHECK(insights.factors[1].counts.total() == 2);
    CHECK(insights.factors[1].top.lost == 1);
    CHECK(insights.factors[2].factor == "budget-timing");
    CHECK(insights.factors[2].top.no_decision == 1);
  }

  SUBCASE("roles in and outside the room, in vocabulary order") {
    REQUIRE(insights.roles.size() == 3); // the user without in_room is not counted
    CHECK(insights.roles[0].role == "economic-buyer");
    CHECK(insights.roles[0].in_room.lost == 1);
    CHECK(insights.roles[1].role == "decision-maker");
    CHECK(insights.roles[1].outside.won == 1);
    CHECK(insights.roles[1].in_room.total() == 0);
    CHECK(insights.roles[2].role == "champion");
    CHECK(insights.roles[2].in_room.won == 1);
  }

  SUBCASE("price roles with unset counted as unknown") {
    REQUIRE(insights.price_roles.size() == 4);
    CHECK(insights.price_roles[0].key == "deciding");
    CHECK(insights.price_roles[0].counts.no_decision == 1);
    CHECK(insights.price_roles[1].key == "contributing");
    CHECK(insights.price_roles[1].counts.won == 1);
    CHECK(insights.price_roles[2].key == "not-a-factor");
    CHECK(insights.price_roles[2].counts.total() == 0);
    CHECK(insights.price_roles[3].key == "unknown");
    CHECK(insights.price_roles[3].counts.lost == 1);
  }

  SUBCASE("decision maker outside the room") {
    CHECK(insights.decision_maker_outside.won == 1);
    CHECK(insights.decision_maker_outside.total() == 1);
  }

  SUBCASE("confidential reviews are left out of public pages") {
    corpus.add("secret", "title: S\naccount: S\noutcome: won\nclose_date: 2026-01-01\n"
                         "account_executive: Ann\nconfidential: true\n");
    const std::vector<core::Review> copy(corpus.reviews.begin(), corpus.reviews.end());
    CHECK(site::publishable(copy, false).size() == 4);
    CHECK(site::publishable(copy, true).size() == 5);
  }
}

TEST_CASE("collect_actions") {
  Corpus corpus;
  const std::string front =
      "title: T\naccount: A\noutcome: lost\nlost_to: X\nclose_date: 2026-01-10\n"
      "account_executive: Ann\n";
  corpus.add("b-review", front, R"(
## What we will do differently

- [x] product: Done early (owner: P; due: 2026-01-01)
- [ ] marketing: Late deck (owner: M; due: 2026-03-01)
- [ ] finance: No date (owner: F)
- [ ] ~~sales: Dropped one (due: 2026-01-01)~~
- [ ] enablement: Future training (owner: E; due: 2026-12-01)
)");
  corpus.add("a-review", front, R"(
## What we will do differently

- [ ] product: Also late (due: 2026-03-01)
- [ ] product: Later still (due: 2026-05-01)
)");
  const auto reviews = corpus.pointers();
  const auto entries = site::collect_actions(reviews, core::Date{2026, 6, 1});

  std::vector<std::string> order;
  for (const auto& entry : entries) order.push_back(entry.action->text);
  const std::vector<std::string> expected = {"Also late",       "Late deck", "Later still",
                                             "Future training", "No date",   "Done early",
                                             "Dropped one"};
  CHECK(order == expected);
  CHECK(entries[0].overdue);
  CHECK(entries[0].review->id == "a-review");
  CHECK(entries[1].review->id == "b-review"); // same due date: by review id
  CHECK(entries[2].overdue);
  CHECK_FALSE(entries[3].overdue);
  CHECK_FALSE(entries[4].overdue); // no due date: never overdue
  CHECK_FALSE(entries[5].overdue); // done, though its date has passed
  CHECK(entries[6].action->status == core::ActionStatus::dropped);

  SUBCASE("due today is not overdue") {
    const auto on_the_day = site::collect_actions(reviews, core::Date{2026, 3, 1});
    CHECK(on_the_day[0].action->text == "Also late");
    CHECK_FALSE(on_the_day[0].overdue);
  }
}

TEST_CASE("compute_coverage") {
  Corpus corpus;
  corpus.config.roster = {"Zoe", "Ann", "Bo"};
  const auto review = [&](const std::string& id, const std::string& ae, const std::string& outcome,
                          const std::string& date, const std::string& extra = "") {
    corpus.add(id, "title: T\naccount: " + id + "\noutcome: " + outcome +
                       (outcome == "lost" ? "\nlost_to: X" : "") + "\nclose_date: " + date +
                       "\naccount_executive: " + ae + "\n" + extra);
  };
  review("q1-ann-won", "Ann", "won", "2026-02-01", "amount: 50000\n");
  review("q1-bo-lost", "Bo", "lost", "2026-01-15", "amount: 900000\n");
  review("q1-zoe-lost", "Zoe", "lost", "2026-03-30", "amount: 20000\n");
  review("q2-ann-lost", "Ann", "lost", "2026-04-10", "amount: 400000\n");
  review("q2-bo-lost", "Bo", "no-decision", "2026-05-10", "selection: all-above-threshold\n");
  review("q4-extra-won", "Eve", "won", "2026-11-01", "amount: 10\n");

  SUBCASE("matrix, roster first, gaps and empty quarters between") {
    const auto reviews = corpus.pointers();
    const site::Coverage coverage = site::compute_coverage(reviews, corpus.config);
    REQUIRE(coverage.quarters.size() == 4); // 2026Q1..Q4, Q3 has no review at all
    CHECK(coverage.quarters[2].to_string() == "2026Q3");
    const std::vector<std::string> executives = {"Zoe", "Ann", "Bo", "Eve"};
    CHECK(coverage.executives == executives);
    CHECK(coverage.is_rostered("Bo"));
    CHECK_FALSE(coverage.is_rostered("Eve"));
    CHECK_FALSE(coverage.is_gap(0, 0));
    CHECK(coverage.is_gap(0, 1));       // Zoe, 2026Q2
    CHECK(coverage.is_gap(1, 2));       // Ann, 2026Q3
    CHECK_FALSE(coverage.is_gap(3, 0)); // Eve is not on the roster
    CHECK(coverage.cells[1][0].counts.won == 1);
    CHECK(coverage.cells[2][1].reviews.size() == 1);
    CHECK(coverage.cells[2][1].reviews[0]->id == "q2-bo-lost");
  }

  SUBCASE("notes: only losses, only wins, only the largest deals") {
    corpus.config.raw = core::parse_yaml("plan:\n  threshold: 300000\n", 1).root;
    const auto reviews = corpus.pointers();
    const site::Coverage coverage = site::compute_coverage(reviews, corpus.config);
    REQUIRE(coverage.large_deal_threshold);
    CHECK(*coverage.large_deal_threshold == 300000);
    CHECK(coverage.notes.count(core::FiscalQuarter{2026, 1}) == 0);
    const std::vector<std::string> q2 = {"only losses", "only the largest deals (300,000 or more)"};
    CHECK(coverage.notes.at(core::FiscalQuarter{2026, 2}) == q2);
    CHECK(coverage.notes.count(core::FiscalQuarter{2026, 3}) == 0);
    const std::vector<std::string> q4 = {"only wins"};
    CHECK(coverage.notes.at(core::FiscalQuarter{2026, 4}) == q4);
  }

  SUBCASE("without a threshold, the selection field still tells") {
    corpus.reviews.pop_back();
    review("q4-big", "Ann", "won", "2026-11-01", "selection: all-above-threshold\n");
    const auto reviews = corpus.pointers();
    const site::Coverage coverage = site::compute_coverage(reviews, corpus.config);
    const std::vector<std::string> q4 = {"only wins",
                                         "only the largest deals (all-above-threshold)"};
    CHECK(coverage.notes.at(core::FiscalQuarter{2026, 4}) == q4);
    CHECK(coverage.notes.at(core::FiscalQuarter{2026, 2}) ==
          std::vector<std::string>{"only losses"});
  }

  SUBCASE("without a roster, everyone with a review is expected every quarter") {
    corpus.config.roster.clear();
    const auto reviews = corpus.pointers();
    const std::vector<core::FiscalQuarter> asked = {{2026, 2}};
    const site::Coverage coverage = site::compute_coverage(reviews, corpus.config, asked);
    CHECK(coverage.roster_from_reviews);
    const std::vector<std::string> executives = {"Ann", "Bo", "Eve", "Zoe"};
    CHECK(coverage.executives == executives);
    CHECK(coverage.is_gap(2, 0)); // Eve reviewed a deal in 2026Q4, none in 2026Q2
    CHECK(coverage.is_gap(3, 0));
    CHECK_FALSE(coverage.is_gap(0, 0));
  }

  SUBCASE("quarters asked for") {
    const auto reviews = corpus.pointers();
    const std::vector<core::FiscalQuarter> asked = {{2026, 2}};
    const site::Coverage coverage = site::compute_coverage(reviews, corpus.config, asked);
    REQUIRE(coverage.quarters.size() == 1);
    const std::vector<std::string> executives = {"Zoe", "Ann", "Bo"}; // Eve has no review in 2026Q2
    CHECK(coverage.executives == executives);
    CHECK(coverage.is_gap(0, 0));
    CHECK_FALSE(coverage.is_gap(1, 0));
  }
}
