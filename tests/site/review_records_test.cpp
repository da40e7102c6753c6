// Review records: what a build keeps of each review between builds, and when it may
// read a review from its record instead of the file.
#include "core/config.hpp"
#include "core/repo.hpp"
#include "site/markdown_html.hpp"
#include "site/pages.hpp"
#include "site/review_records.hpp"
#include "site/site_test_support.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

using namespace review;
using review::test::copy_fixture;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;
namespace fs = std::filesystem;

namespace {

// As old as a file checked out an hour ago: its record can be trusted.
void age(const fs::path& file, std::chrono::seconds by = std::chrono::hours(1)) {
  fs::last_write_time(file, fs::file_time_type::clock::now() - by);
}

site::SiteReviews load(const core::Config& config, const fs::path& records) {
  std::vector<core::Diagnostic> problems;
  const auto files = core::list_review_files(config, problems);
  std::vector<std::string> paths;
  for (const fs::path& file : files) paths.push_back(config.display_path(file));
  return site::load_site_reviews(config, files, paths, 2, {}, records, {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A review read back from its record, as a build does.
std::optional<core::Review> from_record(std::string_view bytes, const std::string& path) {
  core::Review review;
  if (!site::decode_record(bytes, review)) return std::nullopt;
  review.path = path;
  return review;
}

// The basic fixture's won review, parsed from its file.
core::Review alpha_bank() {
  ScratchDir scratch;
  const fs::path repo = copy_fixture("basic", scratch / "repo");
  const core::Config config = core::load_config(repo);
  auto loaded = core::load_review(config, repo / "reviews/2026/2026-02-10-alpha-bank.md");
  REQUIRE(loaded.review);
  return std::move(*loaded.review);
}

const core::Review* find(const site::SiteReviews& loaded, const std::string& path) {
  for (const core::Review& review : loaded.scan.reviews)
    if (review.path == path) return &review;
  return nullptr;
}

} // namespace

TEST_CASE("a review's record keeps the fields, actions and summary the site reads") {
  const core::Review review = alpha_bank();
  const std::string bytes = site::encode_record(review);
  const auto decoded = from_record(bytes, review.path);
  REQUIRE(decoded);

  CHECK(decoded->path == review.path);
  CHECK(decoded->id == review.id);
  CHECK(decoded->title.value == "Alpha Bank treasury platform");
  CHECK(decoded->title.position == review.title.position);
  CHECK(*decoded->outcome == core::Outcome::won);
  CHECK(*decoded->close_date == core::Date{2026, 2, 10});
  CHECK(*decoded->amount == doctest::Approx(100000));
  CHECK(*decoded->buyer_interviewed);
  CHECK(!decoded->lost_to.present);
  REQUIRE(decoded->stakeholders->size() == 2);
  CHECK(decoded->stakeholders->at(1).title == "Head of Treasury");
  CHECK(decoded->stakeholders->at(1).role == "champion");
  CHECK(decoded->stakeholders->at(1).in_room == std::optional<bool>(true));
  CHECK(*decoded->decision_factors == std::vector<std::string>{"integration", "references"});
  CHECK(*decoded->price_role == core::PriceRole::not_a_factor);
  CHECK(decoded->quarter == review.quarter);
  // A team's own key, kept as written.
  REQUIRE(decoded->front_matter.find("deal_source") != nullptr);
  CHECK(decoded->front_matter.find("deal_source")->scalar == "partner");
  REQUIRE(decoded->body.actions.size() == 2);
  CHECK(decoded->body.actions[1].team == "marketing");
  CHECK(decoded->body.actions[1].status == core::ActionStatus::done);
  CHECK(decoded->body.actions[0].due == core::Date{2026, 3, 1});
  CHECK(decoded->body.actions[0].owner == "Priya Nair");
  CHECK(site::section_excerpt(*decoded, "summary", 400) ==
        site::section_excerpt(review, "summary", 400));
  CHECK(site::section_excerpt(*decoded, "summary", 400) ==
        "Alpha Bank chose us to run its treasury close.");
  // No text: its page reads the file again.
  CHECK(decoded->source.text.empty());
  CHECK(site::encode_record(*decoded) == bytes);

  // Cut anywhere or lengthened, a record reads as nothing rather than as a wrong review.
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK(!from_record(std::string_view(bytes).substr(0, cut), review.path));
  }
  CHECK(!from_record(bytes + '\0', review.path));
}

TEST_CASE("a parsed review's source keeps its plain text, and its body only the summary") {
  const core::Review full = alpha_bank();
  REQUIRE(full.body.blocks.size() > 2);
  core::Review taken = full;
  const site::ReviewSource source = site::take_source(taken);

  CHECK(source.search_text == site::body_plain_text(full));
  CHECK(source.search_text.find("treasury close") != std::string::npos);
  CHECK(source.body_bytes == full.body_text().size());
  CHECK(source.file.empty());
  // The blocks are given up but for what the page's description and the feed quote.
  CHECK(taken.body.blocks.size() == 1);
  CHECK(taken.body.sections.size() == 1);
  CHECK(site::section_excerpt(taken, "summary", 400) ==
        site::section_excerpt(full, "summary", 400));
  CHECK(site::encode_record(taken) == site::encode_record(full));
  // The page renders from the text, which stays.
  CHECK(site::render_body_html(taken) == site::render_body_html(full));
}

TEST_CASE("the exports made from a review's record equal those made from its file") {
  ScratchDir scratch;
  const fs::path repo = copy_fixture("basic", scratch / "repo");
  // Every front-matter key the site shows, so that one the record forgot shows here.
  const fs::path file = repo / "reviews/2026/2026-03-03-every-field.md";
  write_text(file, replaced(read_text(repo / "reviews/2026/2026-02-10-alpha-bank.md"),
                            "outcome: won\ncompetitors: [RivalCo]\n",
                            "outcome: lost\nlost_to: RivalCo\ncompetitors: [RivalCo, OtherCo]\n"
                            "price_evidence: \"CFO: 10% cheaper\"\ncrm_id: OPP-1\n"));
  const core::Config config = core::load_config(repo);
  const auto loaded = core::load_review(config, file);
  REQUIRE(loaded.review);
  const auto decoded = from_record(site::encode_record(*loaded.review), loaded.review->path);
  REQUIRE(decoded);
  const auto write_exports_of = [&](const core::Review& review, const fs::path& out) {
    site::SiteModel model;
    model.config = &config;
    model.title = "Reviews";
    model.today = core::Date{2026, 6, 1};
    model.reviews = {&review};
    model.sources.resize(1);
    site::derive(model);
    site::StagedBuild staged(out);
    site::write_exports(model, staged.output(), 1, site::PageCache());
    staged.commit();
  };
  write_exports_of(*loaded.review, scratch / "from-file");
  write_exports_of(*decoded, scratch / "from-record");
  for (const char* name : {"reviews.json", "actions.csv", "feed.xml"}) {
    INFO(name);
    CHECK(read_text(scratch / "from-record" / name) == read_text(scratch / "from-file" / name));
  }
  CHECK(read_text(scratch / "from-file/reviews.json").find("OPP-1") != std::string::npos);
}

TEST_CASE("a build reads a review from its record only while its file is unchanged") {
  ScratchDir scratch;
  const fs::path repo = copy_fixture("basic", scratch / "repo");
  const fs::path records = scratch / "cache/records";
  for (const auto& entry : fs::recursive_directory_iterator(repo / "reviews"))
    if (entry.is_regular_file()) age(entry.path());
  const core::Config config = core::load_config(repo);
  const std::string alpha_path = "reviews/2026/2026-02-10-alpha-bank.md";
  const fs::path alpha = repo / alpha_path;

  const site::SiteReviews first = load(config, records);
  REQUIRE(first.scan.reviews.size() == 4);
  CHECK(first.parsed == 4);
  REQUIRE(fs::exists(records));

  const site::SiteReviews second = load(config, records);
  // The broken review is parsed every time, so that its errors are reported.
  CHECK(second.parsed == 1);
  REQUIRE(second.scan.reviews.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(first.scan.reviews[i].path);
    CHECK(second.scan.reviews[i].path == first.scan.reviews[i].path);
    CHECK(second.scan.reviews[i].title.value == first.scan.reviews[i].title.value);
    CHECK(second.sources[i].text == first.sources[i].text);
    CHECK(second.sources[i].body_bytes == first.sources[i].body_bytes);
  }
  const core::Review* alpha_review = find(second, alpha_path);
  REQUIRE(alpha_review != nullptr);
  CHECK(alpha_review->source.text.empty());
  CHECK(!second.sources[0].file.empty());

  SUBCASE("an edit that keeps the size and the modification time is still seen") {
    const auto modified = fs::last_write_time(alpha);
    const std::string text = read_text(alpha);
    write_text(alpha, replaced(text, "title: Alpha Bank", "title: Alpha Bonk"));
    fs::last_write_time(alpha, modified); // what `touch -r` or an archive does
    const site::SiteReviews after = load(config, records);
    CHECK(after.parsed == 2);
    REQUIRE(find(after, alpha_path) != nullptr);
    CHECK(find(after, alpha_path)->title.value == "Alpha Bonk treasury platform");
  }

  SUBCASE("a file modified just now is parsed until it is older") {
    write_text(alpha, read_text(alpha) + "\nMore.\n");
    CHECK(load(config, records).parsed == 2);
    CHECK(load(config, records).parsed == 2);
    age(alpha);
    CHECK(load(config, records).parsed == 2); // recorded now
    CHECK(load(config, records).parsed == 1);
  }

  SUBCASE("another config, a damaged or a missing records file parses every file") {
    core::Config other = config;
    other.text += "\n# edited\n";
    CHECK(load(other, records).parsed == 4);
    const std::string whole = read_text(records);
    write_text(records, whole.substr(0, whole.size() / 2));
    CHECK(load(config, records).parsed == 4);
    CHECK(load(config, fs::path()).parsed == 4);
  }

  SUBCASE("a new record is appended; a torn append makes the file written anew") {
    const auto size_before = fs::file_size(records);
    write_text(alpha, replaced(read_text(alpha), "title: Alpha Bank", "title: Alpha Bonk"));
    age(alpha);
    CHECK(load(config, records).parsed == 2);
    CHECK(fs::file_size(records) > size_before);
    const site::SiteReviews after = load(config, records);
    CHECK(after.parsed == 1);
    REQUIRE(find(after, alpha_path) != nullptr);
    CHECK(find(after, alpha_path)->title.value == "Alpha Bonk treasury platform");

    const std::string whole = read_text(records);
    write_text(records, whole.substr(0, whole.size() - 3));
    // Alpha's last record is cut, and the one before it is stale.
    CHECK(load(config, records).parsed == 2);
    CHECK(fs::file_size(records) < whole.size()); // written anew, without the dead record
    CHECK(load(config, records).parsed == 1);
  }

  SUBCASE("records of changed and removed files go once they are a quarter of the file") {
    const std::string beta = read_text(repo / "reviews/2026/2026-05-20-beta-retail.md");
    for (int i = 0; i < 100; ++i) {
      const fs::path copy =
          repo / "reviews/2025" / ("2025-03-01-copy-" + std::to_string(i) + ".md");
      write_text(copy, beta);
      age(copy);
    }
    CHECK(load(config, records).parsed == 101);
    CHECK(load(config, records).parsed == 1);
    for (int i = 0; i < 90; ++i)
      fs::remove(repo / "reviews/2025" / ("2025-03-01-copy-" + std::to_string(i) + ".md"));
    const auto size_before = fs::file_size(records);
    CHECK(load(config, records).parsed == 1); // 103 entries, 13 alive: written anew
    CHECK(fs::file_size(records) < size_before / 4);
    CHECK(read_text(records).find("copy-0.md") == std::string::npos);
    CHECK(load(config, records).parsed == 1);
  }
}
