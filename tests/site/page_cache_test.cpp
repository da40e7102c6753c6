// The page cache: what the last build made, kept only for the output folder it
// describes, the same config and this program; damage reads as nothing kept.
#include "site/page_cache.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace review;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;
namespace fs = std::filesystem;

TEST_CASE("page cache") {
  ScratchDir scratch;
  const fs::path file = scratch / "cache/pages";
  const fs::path out = scratch / "_site";
  fs::create_directories(out);
  const site::PageDigest alpha{1, 2};
  const site::FileStamp alpha_stamp{120, 1'700'000'000'123'456'789};
  const site::PageDigests pages = {{"reviews/alpha.html", alpha}, {"search/won-000.js", {3, 4}}};
  const site::FileStamp json_stamp{7, 1'700'000'000'987'654'321};
  const site::PiecedFiles pieced = {{"reviews.json", {{{5, 6}, 3}, {{7, 8}, 4}}},
                                    {"actions.csv", {{{9, 9}, 1}}}};
  // The shard and actions.csv were never written (a failed write): they are not kept.
  const site::FileStamps stamps = {{"reviews/alpha.html", alpha_stamp},
                                   {"reviews.json", json_stamp}};
  site::PageCache::write(file, out, "site:\n  title: Acme\n", pages, pieced, stamps);

  SUBCASE("a page made from the same inputs is found with its stamp") {
    const auto cache = site::PageCache::read(file, out, "site:\n  title: Acme\n");
    const site::FileStamp* kept = cache.unchanged("reviews/alpha.html", alpha);
    REQUIRE(kept != nullptr);
    CHECK(*kept == alpha_stamp);
    CHECK(cache.unchanged("reviews/alpha.html", site::PageDigest{1, 3}) == nullptr);
    CHECK(cache.unchanged("reviews/beta.html", alpha) == nullptr);
    CHECK(cache.unchanged("search/won-000.js", site::PageDigest{3, 4}) == nullptr);
  }

  SUBCASE("a file made of pieces is kept with its pieces and its stamp") {
    const auto cache = site::PageCache::read(file, out, "site:\n  title: Acme\n");
    const auto* kept = cache.pieces_of("reviews.json");
    REQUIRE(kept != nullptr);
    CHECK(kept->stamp == json_stamp);
    REQUIRE(kept->pieces.size() == 2);
    CHECK(kept->pieces[1].digest == site::PageDigest{7, 8});
    CHECK(kept->pieces[1].length == 4);
    CHECK(cache.pieces_of("actions.csv") == nullptr);
  }

  SUBCASE("pieces that do not add up to their file keep nothing") {
    const site::PiecedFiles short_pieces = {{"reviews.json", {{{5, 6}, 3}}}};
    site::PageCache::write(file, out, "", pages, short_pieces, stamps);
    CHECK(site::PageCache::read(file, out, "").pieces_of("reviews.json") == nullptr);
    CHECK(site::PageCache::read(file, out, "").unchanged("reviews/alpha.html", alpha) == nullptr);
  }

  SUBCASE("another config, another folder or a replaced folder keeps nothing") {
    CHECK(site::PageCache::read(file, out, "site:\n  title: Other\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
    fs::create_directories(scratch / "elsewhere");
    CHECK(site::PageCache::read(file, scratch / "elsewhere", "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
    // What a build's swap does: the same path, another folder.
    fs::rename(out, scratch / "aside");
    fs::create_directories(out);
    CHECK(site::PageCache::read(file, out, "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
  }

  SUBCASE("a missing, cut or lengthened file keeps nothing") {
    CHECK(site::PageCache::read(scratch / "none", out, "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
    CHECK(site::PageCache::read(fs::path(), out, "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
    const std::string whole = read_text(file);
    for (const std::size_t cut :
         {std::size_t{0}, std::size_t{10}, whole.size() / 2, whole.size() - 1}) {
      INFO(cut);
      write_text(file, whole.substr(0, cut));
      CHECK(site::PageCache::read(file, out, "site:\n  title: Acme\n")
                .unchanged("reviews/alpha.html", alpha) == nullptr);
    }
    write_text(file, whole + "x");
    CHECK(site::PageCache::read(file, out, "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) == nullptr);
    write_text(file, whole);
    CHECK(site::PageCache::read(file, out, "site:\n  title: Acme\n")
              .unchanged("reviews/alpha.html", alpha) != nullptr);
    CHECK(site::PageCache::read(file, out, "site:\n  title: Acme\n").pieces_of("reviews.json") !=
          nullptr);
  }

  SUBCASE("an output folder that does not exist is not kept") {
    site::PageCache::write(scratch / "other-cache", scratch / "missing", "", pages, pieced, stamps);
    CHECK_FALSE(fs::exists(scratch / "other-cache"));
  }
}
