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
  // The shard was never written (a failed write): it is not kept.
  const site::FileStamps stamps = {{"reviews/alpha.html", alpha_stamp}};
  site::PageCache::write(file, out, "site:\n  title: Acme\n", pages, stamps);

  SUBCASE("a page made from the same inputs is found with its stamp") {
    const auto cache = site::PageCache::read(file, out, "site:\n  title: Acme\n");
    const site::FileStamp* kept = cache.unchanged("reviews/alpha.html", alpha);
    REQUIRE(kept != nullptr);
    CHECK(*kept == alpha_stamp);
    CHECK(cache.unchanged("reviews/alpha.html", site::PageDigest{1, 3}) == nullptr);
    CHECK(cache.unchanged("reviews/beta.html", alpha) == nullptr);
    CHECK(cache.unchanged("search/won-000.js", site::PageDigest{3, 4}) == nullptr);
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
  }

  SUBCASE("an output folder that does not exist is not kept") {
    site::PageCache::write(scratch / "other-cache", scratch / "missing", "", pages, stamps);
    CHECK_FALSE(fs::exists(scratch / "other-cache"));
  }
}
