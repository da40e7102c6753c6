#include "core/config.hpp"
#include "core/error.hpp"
#include "site/query.hpp"

#include <doctest/doctest.h>

#include <deque>

using namespace review;

TEST_CASE("ReviewFilter") {
  const core::Config config = core::default_config("/tmp");
  std::deque<core::Review> reviews;
  reviews.push_back(core::parse_review(R"(---
title: A
account: Northwind Pay
outcome: lost
lost_to: LedgerCo
competitors: [Reconify]
close_date: 2026-08-14
account_executive: Zhang Qi
segment: enterprise
decision_factors: [security-compliance, price]
---
)",
                                       "reviews/2026/a.md", config));
  reviews.push_back(core::parse_review(R"(---
title: B
account: Lumen
outcome: won
close_date: 2026-02-12
account_executive: David Okafor
segment: smb
---
)",
                                       "reviews/2026/b.md", config));
  const std::vector<const core::Review*> all = {&reviews[0], &reviews[1]};
  const auto ids = [&](const site::FilterText& text) {
    std::vector<std::string> found;
    for (const auto* review : site::filter_reviews(all, site::parse_filter(text)))
      found.push_back(review->account.value);
    return found;
  };

  SUBCASE("no criteria keeps everything") {
    CHECK(site::parse_filter({}).empty());
    CHECK(ids({}).size() == 2);
  }
  SUBCASE("each criterion") {
    site::FilterText text;
    text.outcome = "lost";
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
    text = {};
    text.quarter = "2026Q1";
    CHECK(ids(text) == std::vector<std::string>{"Lumen"});
    text = {};
    text.ae = " zhang qi ";
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
    text = {};
    text.competitor = "ledgerco"; // lost_to counts
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
    text.competitor = "Reconify";
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
    text = {};
    text.segment = "SMB";
    CHECK(ids(text) == std::vector<std::string>{"Lumen"});
    text = {};
    text.factor = "price";
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
    text = {};
    text.since = "2026-08-14";
    CHECK(ids(text) == std::vector<std::string>{"Northwind Pay"});
  }
  SUBCASE("every criterion must hold") {
    site::FilterText text;
    text.outcome = "won";
    text.ae = "Zhang Qi";
    CHECK(ids(text).empty());
  }
  SUBCASE("bad values say what was expected") {
    site::FilterText text;
    text.outcome = "wn";
    CHECK_THROWS_WITH_AS(
        site::parse_filter(text),
        "--outcome must be won, lost or no-decision, got 'wn' — did you mean 'won'?", core::Error);
    text = {};
    text.quarter = "Q3";
    CHECK_THROWS_WITH_AS(site::parse_filter(text),
                         "--quarter must be a fiscal quarter such as 2026Q3, got 'Q3'",
                         core::Error);
    text = {};
    text.since = "14/08/2026";
    CHECK_THROWS_WITH_AS(
        site::parse_filter(text),
        "--since must be a date written YYYY-MM-DD, such as 2026-07-01, got '14/08/2026'",
        core::Error);
  }
  SUBCASE("hints when nothing matches") {
    site::FilterText text;
    text.ae = "Zhang";
    text.competitor = "LedgerCo";
    const auto hints = site::filter_hints(all, site::parse_filter(text));
    CHECK(hints == std::vector<std::string>{
                       "no review has account executive 'Zhang'; did you mean 'Zhang Qi'?"});
    text = {};
    text.factor = "prcie";
    CHECK(site::filter_hints(all, site::parse_filter(text)) ==
          std::vector<std::string>{"no review has decision factor 'prcie'; did you mean 'price'?"});
  }
}
