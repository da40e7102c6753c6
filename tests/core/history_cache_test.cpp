// The history snapshot's file and the joining of newer commits to older ones.
#include "core/fs.hpp"
#include "core/history_cache.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

namespace {

using review::core::FileHistory;
using review::core::HistorySnapshot;
using review::core::join_history;
using review::core::read_history_snapshot;
using review::core::write_history_snapshot;
using review::test::ScratchDir;

const std::string k_tip(40, 'a');

HistorySnapshot sample() {
  HistorySnapshot snapshot;
  snapshot.tip = k_tip;
  snapshot.files["reviews/a.md"] =
      FileHistory{100, 200, std::string(40, '1'), std::string(40, '2'), {"Ann", "Bob"}, 3};
  snapshot.files["reviews/2026/b c.md"] =
      FileHistory{150, 150, std::string(40, '3'), std::string(40, '3'), {"陈"}, 1};
  return snapshot;
}

void check_same(const FileHistory& a, const FileHistory& b) {
  CHECK(a.created == b.created);
  CHECK(a.updated == b.updated);
  CHECK(a.first_commit == b.first_commit);
  CHECK(a.last_commit == b.last_commit);
  CHECK(a.authors == b.authors);
  CHECK(a.revisions == b.revisions);
}

} // namespace

TEST_CASE("history snapshot file") {
  ScratchDir scratch;
  const auto file = scratch / "cache/history";
  const HistorySnapshot written = sample();
  write_history_snapshot(file, "reviews/", written);

  SUBCASE("reads back what was written") {
    const auto read = read_history_snapshot(file, "reviews/");
    REQUIRE(read.has_value());
    CHECK(read->tip == k_tip);
    REQUIRE(read->files.size() == 2);
    for (const auto& [path, history] : written.files) check_same(read->files.at(path), history);
  }
  SUBCASE("is not read for another folder") {
    CHECK_FALSE(read_history_snapshot(file, "").has_value());
    CHECK_FALSE(read_history_snapshot(file, "docs/reviews/").has_value());
  }
  SUBCASE("a missing file reads as none") {
    CHECK_FALSE(read_history_snapshot(scratch / "missing", "reviews/").has_value());
  }
  SUBCASE("a damaged file reads as none, never as part of a snapshot") {
    const std::string bytes = review::core::read_file(file);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
      INFO("cut at " << cut);
      review::core::write_file_atomic(file, bytes.substr(0, cut));
      CHECK_FALSE(read_history_snapshot(file, "reviews/").has_value());
    }
    review::core::write_file_atomic(file, bytes + "x");
    CHECK_FALSE(read_history_snapshot(file, "reviews/").has_value());
  }
  SUBCASE("a file that cannot be written is no error") {
    write_history_snapshot(scratch / "cache/history/inside-a-file", "reviews/", written);
    CHECK(read_history_snapshot(file, "reviews/").has_value());
  }
}

TEST_CASE("join_history puts newer commits after older ones") {
  const FileHistory older{100, 200, "c1", "c3", {"Ann", "Bob"}, 3};
  const FileHistory newer{300, 400, "c4", "c5", {"Chen", "Ann", "Dee"}, 2};
  const FileHistory joined = join_history(older, newer);
  CHECK(joined.created == 100);
  CHECK(joined.first_commit == "c1");
  CHECK(joined.updated == 400);
  CHECK(joined.last_commit == "c5");
  CHECK(joined.revisions == 5);
  CHECK(joined.authors == std::vector<std::string>{"Ann", "Bob", "Chen", "Dee"});
}
