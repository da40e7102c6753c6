// End to end: `review list`, `actions`, `stats`, `coverage` and `plan` on a copy of
// the sample reviews, against golden files (tests/fixtures/reports/<case>.args holds
// the arguments, <case>.expected the exit code and output).
#include "core/config.hpp"
#include "core/repo.hpp"
#include "site/aggregate.hpp"

#include "support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

using namespace review;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = test::source_dir() / "tests" / "fixtures" / "reports";

// The sample reviews and the fixture inputs in a scratch folder (no review.yaml,
// no git), so that nothing outside the test changes what the commands see.
void prepare_sample(const test::ScratchDir& dir) {
  fs::copy(test::source_dir() / "reviews", dir / "reviews", fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(k_fixtures)) {
    const auto ext = entry.path().extension();
    if (ext == ".csv" || ext == ".txt")
      fs::copy_file(entry.path(), dir / entry.path().filename().string());
  }
}

// A fixed terminal width, so tables are cut the same way everywhere.
test::CommandResult run_at_width(const std::string& arguments, const fs::path& cwd) {
  return test::run_command(
      "COLUMNS=100 NO_COLOR=1 " + test::shell_quote(REVIEW_BINARY) + " " + arguments, cwd);
}

std::string trim_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void check_golden(const fs::path& expected_path, const std::string& actual,
                  const fs::path& scratch) {
  const bool update = std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr;
  if (update) {
    test::write_text(expected_path, actual);
    return;
  }
  const std::string expected =
      fs::exists(expected_path) ? test::read_text(expected_path) : std::string();
  if (expected == actual) return;
  test::write_text(scratch / "actual.txt", actual);
  const auto diff = test::run_command("diff -u " + test::shell_quote(expected_path.string()) + " " +
                                          test::shell_quote((scratch / "actual.txt").string()),
                                      scratch);
  FAIL_CHECK(expected_path.filename().string() << " differs (REVIEW_UPDATE_GOLDEN=1 rewrites it):\n"
                                               << diff.output);
}

core::Date date(int y, int m, int d) {
  return core::Date{y, m, d};
}

} // namespace

TEST_CASE("report commands on the sample reviews") {
  test::ScratchDir dir;
  prepare_sample(dir);
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(k_fixtures))
    if (entry.path().extension() == ".args") cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 20);

  for (const auto& args_path : cases) {
    const std::string name = args_path.stem().string();
    SUBCASE(name.c_str()) {
      const std::string arguments = trim_newline(test::read_text(args_path));
      const auto result = run_at_width(arguments, dir.path());
      const std::string actual =
          fmt::format("$ review {}\nexit {}\n{}", arguments, result.exit_code, result.output);
      check_golden(k_fixtures / (name + ".expected"), actual, dir.path());
    }
  }
}

TEST_CASE("review stats agrees with the site's numbers") {
  test::ScratchDir dir;
  prepare_sample(dir);

  SUBCASE("the JSON is compute_insights over the reviews the site publishes") {
    const auto config = core::load_config(dir.path());
    const auto scan = core::scan_repo(config);
    const auto insights = site::compute_insights(site::publishable(scan.reviews, false), config);
    const auto result = run_at_width("stats --format json", dir.path());
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    CHECK(json["totals"]["won"] == insights.totals.won);
    CHECK(json["totals"]["lost"] == insights.totals.lost);
    CHECK(json["totals"]["amount_won"] == insights.totals.amount_won);
    REQUIRE(json["by_competitor"].size() == insights.by_competitor.size());
    for (std::size_t i = 0; i < insights.by_competitor.size(); ++i) {
      CHECK(json["by_competitor"][i]["key"] == insights.by_competitor[i].key);
      CHECK(json["by_competitor"][i]["total"] == insights.by_competitor[i].counts.total());
      CHECK(json["by_competitor"][i]["win_rate"] == insights.by_competitor[i].counts.win_rate());
    }
    REQUIRE(json["factors"].size() == insights.factors.size());
    CHECK(json["factors"][0]["factor"] == insights.factors[0].factor);
  }

  SUBCASE("the competitor rows of the built insights page match `stats --by competitor`") {
    const auto build = run_at_width("build --out site", dir.path());
    REQUIRE_MESSAGE(build.exit_code == 0, build.output);
    const std::string page = test::read_text(dir / "site/insights/index.html");
    const auto section = page.find("id=\"competitors-heading\"");
    REQUIRE(section != std::string::npos);
    const std::string competitors =
        page.substr(section, page.find("</section>", section) - section);
    // <th scope="row"><a …>NAME</a></th><td class="num">DEALS</td><td …>WON</td><td …>LOST</td><td
    // …>NO-DEC</td><td …>RATE</td>
    const std::regex row(
        R"(<th scope="row"><a [^>]*>([^<]*)</a></th><td class="num">(\d+)</td><td class="num">(\d+)</td>)"
        R"(<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+%)</td>)");
    std::string from_site;
    for (auto it = std::sregex_iterator(competitors.begin(), competitors.end(), row);
         it != std::sregex_iterator(); ++it) {
      const auto& m = *it;
      from_site += fmt::format("{},{},{},{},{},{}\n", m[1].str(), m[2].str(), m[3].str(),
                               m[4].str(), m[5].str(), m[6].str());
    }
    const auto stats = run_at_width("stats --by competitor --format json", dir.path());
    const auto json = nlohmann::json::parse(stats.output)["by_competitor"];
    std::string from_cli;
    for (const auto& r : json) {
      from_cli += fmt::format("{},{},{},{},{},{:.0f}%\n", r["key"].get<std::string>(),
                              r["total"].get<int>(), r["won"].get<int>(), r["lost"].get<int>(),
                              r["no_decision"].get<int>(), r["win_rate"].get<double>() * 100.0);
    }
    CHECK(!from_cli.empty());
    CHECK(from_site == from_cli);
  }
}

TEST_CASE("review plan --scaffold") {
  test::ScratchDir dir;
  prepare_sample(dir);

  const auto first =
      run_at_width("plan --deals deals-salesforce.csv --seed 7 --scaffold", dir.path());
  REQUIRE_MESSAGE(first.exit_code == 0, first.output);
  CHECK(first.output.find("created reviews/2026/") != std::string::npos);

  SUBCASE("the files are reviews filled from the export") {
    const auto config = core::load_config(dir.path());
    const auto scan = core::scan_repo(config);
    const auto created = std::count_if(scan.reviews.begin(), scan.reviews.end(),
                                       [](const core::Review& r) { return r.crm_id.present; });
    CHECK(created > 0);
    for (const auto& review : scan.reviews) {
      if (!review.crm_id) continue;
      CHECK(review.crm_id->starts_with("006Q3"));
      REQUIRE(review.selection);
      CHECK((*review.selection == "random-sample" || *review.selection == "all-above-threshold"));
      CHECK(review.quarter == core::FiscalQuarter{2026, 3});
      CHECK(review.close_date.value >= date(2026, 7, 1));
    }
  }

  SUBCASE("a second run proposes other deals and never overwrites") {
    // The written reviews now count: the deals they cover are skipped.
    const auto again = run_at_width("plan --deals deals-salesforce.csv --seed 7", dir.path());
    CHECK(again.output.find("Already reviewed, so not proposed:") != std::string::npos);
    const fs::path existing = dir / "reviews/2026/2026-08-14-northwind-pay.md";
    const std::string before = test::read_text(existing);
    const auto scaffold = run_at_width(
        "plan --deals deals-salesforce.csv --seed 7 --target 30 --scaffold", dir.path());
    CHECK(scaffold.exit_code == 0);
    CHECK(test::read_text(existing) == before);
  }

  SUBCASE("an existing file is reported and kept") {
    // Unlink one scaffolded review from its deal, so that the deal is proposed again
    // and its file is in the way.
    const auto config = core::load_config(dir.path());
    const auto scan = core::scan_repo(config);
    const auto planned = std::find_if(scan.reviews.begin(), scan.reviews.end(),
                                      [](const core::Review& r) { return r.crm_id.present; });
    REQUIRE(planned != scan.reviews.end());
    const fs::path path = dir / planned->path;
    const std::regex linked(R"((^|\n)(crm_id|account): [^\n]*)");
    const std::string changed =
        std::regex_replace(test::read_text(path), linked, "$1$2: \"unlinked\"");
    test::write_text(path, changed);
    const auto again = run_at_width(
        "plan --deals deals-salesforce.csv --seed 7 --target 30 --scaffold", dir.path());
    CHECK(again.exit_code == 0);
    CHECK(again.output.find("exists  " + planned->path + " (kept as it is)") != std::string::npos);
    CHECK(test::read_text(path) == changed);
  }
}
