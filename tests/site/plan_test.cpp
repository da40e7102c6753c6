#include "core/config.hpp"
#include "core/error.hpp"
#include "core/scaffold.hpp"
#include "site/format.hpp"
#include "site/plan.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace review;

namespace {

site::DealExport read(const std::string& csv, const site::PlanSettings& settings = {}) {
  return site::read_deals(csv, settings, 1);
}

core::Config config_with(const std::string& yaml) {
  return core::parse_config(yaml, "/repo/review.yaml");
}

struct Reviews {
  core::Config config = core::default_config("/tmp");
  std::deque<core::Review> stored;
  std::vector<const core::Review*> pointers;

  void add(const std::string& front_matter) {
    stored.push_back(core::parse_review("---\n" + front_matter + "---\n", "reviews/x.md", config));
    pointers.push_back(&stored.back());
  }
};

const site::Pick* big_pick(const site::Plan& plan) {
  for (const auto& pick : plan.picks)
    if (pick.deal->id == "B1") return &pick;
  FAIL("the 5,000,000 deal was not picked");
  return nullptr;
}

std::vector<std::string> picked_ids(const site::Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& pick : plan.picks) ids.push_back(pick.deal->id);
  return ids;
}

} // namespace

TEST_CASE("read_deals") {
  SUBCASE("a Salesforce opportunity report") {
    const auto deals = read(
        R"(Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Close Date,Stage,Amount,Competitor
006A1,Ledger replacement,Northwind Pay,Zhang Qi,8/14/2026,Closed Won,"480,000.00",LedgerCo;Reconify
006A2,Renewal,Lumen,David Okafor,9/2/2026,Closed Lost,"1,200",
006A3,Expansion,Andes Pay,Maria Lopez,9/3/2026,Negotiation,900,
)");
    CHECK(deals.delimiter == ',');
    CHECK(deals.columns.at(site::DealField::owner) == "Opportunity Owner");
    REQUIRE(deals.deals.size() == 2);
    const auto& first = deals.deals[0];
    CHECK(first.line == 2);
    CHECK(first.id == "006A1");
    CHECK(first.name == "Ledger replacement");
    CHECK(first.account == "Northwind Pay");
    CHECK(first.owner == "Zhang Qi");
    CHECK(first.close_date == core::Date{2026, 8, 14});
    CHECK(first.quarter == core::FiscalQuarter{2026, 3});
    CHECK(first.outcome == core::Outcome::won);
    CHECK(first.amount == 480000.0);
    CHECK(first.competitors == std::vector<std::string>{"LedgerCo", "Reconify"});
    CHECK(deals.deals[1].outcome == core::Outcome::lost);
    CHECK(deals.deals[1].competitors.empty());
    CHECK(deals.other_stages == std::map<std::string, std::size_t>{{"Negotiation", 1}});
  }

  SUBCASE("a HubSpot deal export with a byte-order mark") {
    const auto deals =
        read("\xEF\xBB\xBFRecord ID,Deal Name,Associated Company,Deal owner,Close Date,Deal "
             "Stage,Amount\n"
             "9001,Northwind - ledger,Northwind Pay,Zhang Qi,2026-08-14 00:00,closedwon,480000\n"
             "9002,Lumen - renewal,Lumen,David Okafor,2026-09-02,closedlost,\n");
    REQUIRE(deals.deals.size() == 2);
    CHECK(deals.columns.at(site::DealField::account) == "Associated Company");
    CHECK(deals.columns.at(site::DealField::id) == "Record ID");
    CHECK(deals.deals[0].id == "9001");
    CHECK(deals.deals[0].name == "Northwind - ledger");
    CHECK(deals.deals[0].close_date == core::Date{2026, 8, 14});
    CHECK_FALSE(deals.deals[1].amount);
  }

  SUBCASE("a European export: semicolons, day-first dates, decimal commas") {
    const auto deals =
        read("Opportunity ID;Account Name;Opportunity Owner;Close Date;Stage;Amount\n"
             "1;Keller Logistik;Jonas Weber;03.09.2026;Closed Won;1.234.567,50\n"
             "2;Banca Tessaro;Jonas Weber;4/9/2026;Closed Lost;700000\n"
             "3;Serra Azul;Jonas Weber;05/09/2026;Closed Lost;\"2,5\"\n");
    CHECK(deals.delimiter == ';');
    REQUIRE(deals.deals.size() == 3);
    CHECK(deals.deals[0].close_date == core::Date{2026, 9, 3});
    CHECK(deals.deals[0].amount == 1234567.5);
    CHECK(deals.deals[1].close_date == core::Date{2026, 9, 4}); // day first, by the separator
    CHECK(deals.deals[2].amount == 2.5);
  }

  SUBCASE("the values decide the date order when they can") {
    const auto deals = read("Account Name,Opportunity Owner,Close Date,Stage\n"
                            "A,Ann,3/9/2026,Closed Won\n"
                            "B,Ann,25/9/2026,Closed Won\n");
    REQUIRE(deals.deals.size() == 2);
    CHECK(deals.deals[0].close_date == core::Date{2026, 9, 3});
  }

  SUBCASE("bad rows are reported with their line and skipped") {
    const auto deals = read(R"(Account Name,Opportunity Owner,Close Date,Stage,Amount
Good,Ann,2026-08-14,Closed Won,100
No owner,,2026-08-14,Closed Won,100
Bad date,Ann,2026-02-30,Closed Lost,100
Bad amount,Ann,2026-08-14,Closed Lost,lots
,Ann,2026-08-14,Closed Lost,1
Too,many,fields,here,1,2
Open deal without a date,Ann,,Prospecting,
)");
    REQUIRE(deals.deals.size() == 1);
    std::vector<std::pair<std::size_t, std::string>> problems;
    for (const auto& p : deals.problems) problems.emplace_back(p.line, p.message);
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {7, "expected 5 fields as in the header, found 6; a field holding the separator ',' must "
            "be quoted"},
        {3,
         "the owner ('Opportunity Owner') is empty; every closed deal needs its account executive"},
        {4, "the close date '2026-02-30' is not a date; expected YYYY-MM-DD, M/D/YYYY or D.M.YYYY"},
        {5, "the amount 'lots' is not a number; expected digits such as 480,000.50"},
        {6, "the account ('Account Name') is empty"},
    };
    CHECK(problems == expected);
  }

  SUBCASE("a missing required column names what the export has") {
    CHECK_THROWS_WITH_AS(
        read("Account,Rep,Close Date,Stage\nA,Ann,2026-08-14,Closed Won\n"),
        "the export has no column for owner (looked for Opportunity Owner, Deal owner, Account "
        "Executive, Owner Name, Owner or Sales Rep); its columns are 'Account', 'Rep', 'Close "
        "Date' "
        "and 'Stage'. Name the right ones under plan: columns: in review.yaml, e.g. `owner: "
        "\"Sales "
        "Rep\"`",
        core::Error);
  }

  SUBCASE("columns and stages mapped in review.yaml") {
    const auto config = config_with(R"(plan:
  columns:
    owner: Rep
    stage: Ergebnis
    id: Nr
  won_stages: [Gewonnen]
  lost_stages: Verloren
  threshold: "250.000"
  target: 12
  seed: 7
)");
    const auto settings = site::plan_settings(config);
    CHECK(settings.threshold == 250.0); // "250.000" read as 250.000 in a YAML file: write 250000
    CHECK(settings.target == 12U);
    CHECK(settings.seed == 7U);
    const auto deals = read("Nr,Account,Rep,Close Date,Ergebnis\n"
                            "1,A,Ann,2026-08-14,Gewonnen\n"
                            "2,B,Bo,2026-08-15,Verloren\n"
                            "3,C,Cy,2026-08-16,closed won\n",
                            settings);
    REQUIRE(deals.deals.size() == 3);
    CHECK(deals.deals[0].outcome == core::Outcome::won);
    CHECK(deals.deals[0].id == "1");
    CHECK(deals.deals[1].outcome == core::Outcome::lost);
    CHECK(deals.deals[2].outcome == core::Outcome::won); // the defaults still apply
  }

  SUBCASE("mistakes in review.yaml point at the line") {
    CHECK_THROWS_WITH_AS(
        site::plan_settings(config_with("plan:\n  treshold: 5\n")),
        "review.yaml:2:3: plan has no setting 'treshold'; the settings are columns, threshold, "
        "target, seed, won_stages and lost_stages — did you mean 'threshold'?",
        core::Error);
    CHECK_THROWS_WITH_AS(
        site::plan_settings(config_with("plan:\n  columns:\n    ownr: Rep\n")),
        "review.yaml:3:5: plan.columns has no field 'ownr'; the fields are id, account, name, "
        "owner, "
        "close_date, stage, amount, currency and competitor — did you mean 'owner'?",
        core::Error);
    CHECK_THROWS_WITH_AS(site::plan_settings(config_with("plan:\n  target: ten\n")),
                         "review.yaml:2:11: plan.target must be a whole number, got 'ten'",
                         core::Error);
  }
}

TEST_CASE("draw_index") {
  // mt19937_64 is specified exactly by the standard; pinning the draws keeps plans
  // identical on every platform and catches a switch to uniform_int_distribution.
  std::mt19937_64 generator(42);
  std::vector<std::size_t> draws;
  for (int i = 0; i < 8; ++i) draws.push_back(site::draw_index(generator, 10));
  CHECK(draws == std::vector<std::size_t>{6, 4, 0, 2, 1, 8, 6,
                                          4}); // the first output is 13930160852258120406
  CHECK(site::draw_index(generator, 1) == 0);
  CHECK(site::draw_index(generator, 0) == 0);
}

TEST_CASE("make_plan") {
  const std::string csv = R"(Opportunity ID,Account Name,Opportunity Owner,Close Date,Stage,Amount
A1,Alpha,Ann,2026-07-02,Closed Won,100
A2,Beta,Ann,2026-07-03,Closed Won,200
B1,Gamma,Bo,2026-07-04,Closed Won,5000000
B2,Delta,Bo,2026-07-05,Closed Won,300
C1,Epsilon,Cy,2026-08-01,Closed Won,400
C2,Zeta,Cy,2026-08-02,Closed Won,500
D1,Eta,Di,2026-08-03,Closed Won,600
D2,Theta,Di,2026-08-04,Closed Lost,700
E1,Iota,Ed,2026-08-05,Closed Won,800
E2,Kappa,Ed,2026-09-06,Closed Won,900
E3,Lambda,Ed,2026-09-07,Closed Lost,1000
Q2,Old,Ann,2026-05-01,Closed Lost,1
)";
  const auto deals = read(csv);
  Reviews reviews;
  // Ed already has a review this quarter; Kappa's review is matched by crm_id, Iota's by account
  // and date.
  reviews.add("title: K\naccount: Kappa Corp\noutcome: won\nclose_date: "
              "2026-09-06\naccount_executive: Ed\ncrm_id: E2\n");
  reviews.add(
      "title: I\naccount: iota\noutcome: won\nclose_date: 2026-08-05\naccount_executive: Ed\n");

  site::PlanRequest request;
  request.seed = 1;
  request.threshold = 1000000;
  request.target = 8;
  const site::Plan plan = site::make_plan(deals, reviews.pointers, {}, request);

  SUBCASE("the quarter, counts and skipped deals") {
    CHECK(plan.quarter == core::FiscalQuarter{2026, 3}); // the latest in the export
    CHECK(plan.closed_deals == 11);
    CHECK(plan.won_deals == 9);
    CHECK(plan.existing_reviews == 2);
    CHECK(plan.executives == std::vector<std::string>{"Ann", "Bo", "Cy", "Di", "Ed"});
    REQUIRE(plan.already_reviewed.size() == 2);
    CHECK(plan.already_reviewed[0].deal->id == "E1");
    CHECK(plan.already_reviewed[1].deal->id == "E2");
  }

  SUBCASE("every rule, in order, with its reason") {
    REQUIRE(plan.picks.size() == 6); // 2 reviews written + 6 = the target of 8
    std::set<std::string> owners;
    for (const auto& pick : plan.picks) {
      CHECK(pick.deal->quarter == plan.quarter);
      CHECK(pick.deal->id != "E1");
      CHECK(pick.deal->id != "E2");
      CHECK_FALSE(pick.why.empty());
      owners.insert(pick.deal->owner);
    }
    // Ann, Bo, Cy and Di first (Ed is covered), one each, in name order.
    for (std::size_t i = 0; i < 4; ++i)
      CHECK(plan.picks[i].reasons.front() == site::PickReason::executive);
    CHECK(plan.picks[0].deal->owner == "Ann");
    CHECK(plan.picks[3].deal->owner == "Di");
    CHECK(plan.picks[0].why == "Ann has no review in 2026Q3 yet");
    // The 5,000,000 deal is picked, whichever rule reached it first.
    const auto big = std::find_if(plan.picks.begin(), plan.picks.end(),
                                  [](const site::Pick& p) { return p.deal->id == "B1"; });
    REQUIRE(big != plan.picks.end());
    CHECK(std::count(big->reasons.begin(), big->reasons.end(), site::PickReason::above_threshold) ==
          1);
    CHECK(big->selection() == "all-above-threshold");
    CHECK(big->why.find("5,000,000 is at or above the threshold of 1,000,000") !=
          std::string::npos);
    // A loss is in the set (D2 or E3), since the written reviews are both wins.
    CHECK(std::any_of(plan.picks.begin(), plan.picks.end(),
                      [](const site::Pick& p) { return p.deal->outcome == core::Outcome::lost; }));
    CHECK(plan.picks.back().reasons.front() == site::PickReason::random_sample);
    CHECK(plan.picks.back().why == "random sample (seed 1)");
    CHECK(plan.picks.back().selection() == "random-sample");
    CHECK(plan.notes.empty());
  }

  SUBCASE("the same seed gives the same plan; another seed another sample") {
    CHECK(picked_ids(site::make_plan(deals, reviews.pointers, {}, request)) == picked_ids(plan));
    bool differs = false;
    for (std::uint64_t seed = 2; seed < 12 && !differs; ++seed) {
      site::PlanRequest other = request;
      other.seed = seed;
      differs = picked_ids(site::make_plan(deals, reviews.pointers, {}, other)) != picked_ids(plan);
    }
    CHECK(differs);
  }

  SUBCASE("pinned picks for seed 1") {
    CHECK(picked_ids(plan) == std::vector<std::string>{"A1", "B1", "C1", "D1", "D2", "B2"});
  }

  SUBCASE("a target below what the rules need is exceeded, and said so") {
    site::PlanRequest small = request;
    small.target = 3;
    const auto over = site::make_plan(deals, reviews.pointers, {}, small);
    CHECK(over.picks.size() == 5); // four executives and the big deal
    CHECK(over.notes ==
          std::vector<std::string>{
              "the rules need 7 reviews in 2026Q3, more than the target of 3; every one is kept"});
  }

  SUBCASE("a quarter with only wins left says that losses cannot be represented") {
    site::PlanRequest q2 = request;
    q2.quarter = core::FiscalQuarter{2026, 2};
    const auto only = site::make_plan(deals, {}, {}, q2);
    CHECK(picked_ids(only) == std::vector<std::string>{"Q2"});
    CHECK(only.notes ==
          std::vector<std::string>{
              "no won deal in 2026Q2 is left to review, so the plan has only losses"});
  }

  SUBCASE("defaults: target two per executive, seed from the quarter") {
    const auto defaults = site::make_plan(deals, reviews.pointers, {}, {});
    CHECK(defaults.target == 10);
    CHECK(defaults.seed == 20263);
    CHECK_FALSE(defaults.threshold);
  }

  SUBCASE("scaffold fields carry the CRM id and how the deal was picked") {
    const auto config = core::default_config("/tmp");
    const auto fields = site::scaffold_fields(*big_pick(plan), config);
    CHECK(fields.outcome == "won");
    CHECK(fields.account == "Gamma");
    CHECK(fields.account_executive == "Bo");
    CHECK(fields.amount == "5000000");
    CHECK(fields.crm_id == "B1");
    const std::string text = core::render_review(core::load_template(config, "en", "won"), fields);
    CHECK(text.find("crm_id: \"B1\"") != std::string::npos);
    CHECK(text.find("\nselection: all-above-threshold ") != std::string::npos);
  }
}

TEST_CASE("make_plan on a 5,000-row export") {
  // A generated export: 14 executives, quarters 2026Q2-Q3, open deals, quoted names
  // with commas, and a few deals already reviewed.
  std::mt19937_64 random(2026);
  const std::vector<std::string> owners = {
      "Zhang Qi",     "Liu Yang",    "Maria Lopez", "Sofia Brandt", "David Okafor",
      "Ana Ribeiro",  "Jonas Weber", "Aiko Tanaka", "Ravi Menon",   "Lena Park",
      "Grace Mensah", "Tomas Silva", "孙悦",        "Priya Nair"};
  const std::vector<std::string> stages = {"Closed Won", "Closed Lost", "Closed Lost",
                                           "Negotiation"};
  std::string csv =
      "Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Close Date,Stage,Amount\n";
  for (int i = 0; i < 5000; ++i) {
    const int month = 4 + static_cast<int>(site::draw_index(random, 6)); // April to September
    const int day = 1 + static_cast<int>(site::draw_index(random, 28));
    // Priya Nair only sells in 2026Q2, so she is not expected in 2026Q3.
    const std::string owner =
        owners[site::draw_index(random, owners.size() - (month >= 7 ? 1 : 0))];
    const auto amount = 1000 + site::draw_index(random, 3000000);
    csv += fmt::format(
        "OPP-{:05},\"Deal {}, phase {}\",\"Account {}, Inc.\",{},{}/{}/2026,{},\"{}\"\n", i, i,
        i % 3, i, owner, month, day, stages[site::draw_index(random, stages.size())],
        site::format_amount(static_cast<double>(amount)));
  }
  const auto deals = read(csv);
  REQUIRE(deals.problems.empty());

  Reviews reviews;
  std::set<std::string> reviewed_ids;
  for (const auto& deal : deals.deals) {
    if (reviewed_ids.size() == 3) break;
    if (deal.quarter != core::FiscalQuarter{2026, 3} || deal.owner != "Zhang Qi") continue;
    reviews.add(fmt::format(
        "title: R\naccount: {}\noutcome: {}\nclose_date: {}\naccount_executive: {}\ncrm_id: {}\n",
        "Someone else", core::outcome_name(deal.outcome), deal.close_date.to_string(), deal.owner,
        deal.id));
    reviewed_ids.insert(deal.id);
  }

  site::PlanRequest request;
  request.quarter = core::FiscalQuarter{2026, 3};
  request.seed = 99;
  request.threshold = 2990000;
  request.target = 40;
  const site::Plan plan = site::make_plan(deals, reviews.pointers, {}, request);

  std::set<std::string> owners_in_quarter;
  std::vector<const site::Deal*> candidates;
  for (const auto& deal : deals.deals) {
    if (deal.quarter != plan.quarter) continue;
    owners_in_quarter.insert(deal.owner);
    if (!reviewed_ids.contains(deal.id)) candidates.push_back(&deal);
  }
  REQUIRE(owners_in_quarter.size() == 13);
  CHECK(plan.already_reviewed.size() == 3);

  std::set<std::string> picked;
  std::set<std::string> picked_owners = {"Zhang Qi"}; // covered by the written reviews
  bool won = false;
  bool lost = false;
  for (const auto& pick : plan.picks) {
    CHECK(picked.insert(pick.deal->id).second);        // never twice
    CHECK_FALSE(reviewed_ids.contains(pick.deal->id)); // never a reviewed deal
    CHECK(pick.deal->quarter == plan.quarter);
    CHECK_FALSE(pick.why.empty());
    picked_owners.insert(pick.deal->owner);
    (pick.deal->outcome == core::Outcome::won ? won : lost) = true;
  }
  CHECK(picked_owners == owners_in_quarter); // every account executive
  CHECK(won);
  CHECK(lost);
  std::size_t large = 0;
  for (const site::Deal* deal : candidates) {
    if (!deal->amount || *deal->amount < 2990000) continue;
    ++large;
    CHECK(picked.contains(deal->id)); // every deal at or above the threshold
  }
  CHECK(large > 0);
  CHECK(plan.existing_reviews + plan.picks.size() == 40); // then sampled up to the target
  CHECK(std::count_if(plan.picks.begin(), plan.picks.end(), [](const site::Pick& p) {
          return p.reasons.front() == site::PickReason::random_sample;
        }) > 0);
  CHECK(plan.notes.empty());
  CHECK(picked_ids(site::make_plan(deals, reviews.pointers, {}, request)) == picked_ids(plan));
}
