// The staging folder and the swap: a build that fails or is killed never leaves a
// half-written site, and review never replaces a folder it did not write.
#include "core/error.hpp"
#include "site/output.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace review;
using review::test::inode;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;
namespace fs = std::filesystem;

namespace {

// Folders beside the output other than the output itself: staging or set-aside leftovers.
int leftovers(const fs::path& parent) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(parent)) {
    if (entry.path().filename().string().starts_with(".")) ++n;
  }
  return n;
}

void build_site_with(const fs::path& out, const std::string& index) {
  site::StagedBuild staged(out);
  staged.output().write("index.html", index);
  staged.output().write("reviews/a.html", "a");
  staged.commit();
}

} // namespace

TEST_CASE("output") {
  ScratchDir scratch;
  const fs::path out = scratch / "_site";

  SUBCASE("commit puts the new site in place and leaves nothing beside it") {
    build_site_with(out, "first");
    build_site_with(out, "second");
    CHECK(read_text(out / "index.html") == "second");
    CHECK(fs::exists(out / site::k_site_marker));
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("folders made under names of their own get theirs when every file is written") {
    build_site_with(out, "first");
    {
      site::StagedBuild staged(out);
      staged.output().write("reviews/a.html", "a"); // linked from the first site
      staged.output().write("search/deep/b.js", "b");
      staged.output().finish();
      CHECK(read_text(staged.output().dir() / "reviews/a.html") == "a");
      CHECK(read_text(staged.output().dir() / "search/deep/b.js") == "b");
      staged.output().write("reviews/c.html", "c"); // after finish: under the real name
      staged.commit();
    }
    CHECK(read_text(out / "reviews/a.html") == "a");
    CHECK(read_text(out / "search/deep/b.js") == "b");
    CHECK(read_text(out / "reviews/c.html") == "c");
    for (const auto& entry : fs::directory_iterator(out))
      CHECK_FALSE(entry.path().filename().string().starts_with(".review-folder"));
  }

  SUBCASE("a file and a folder of the same name fail the build, and the previous site stays") {
    build_site_with(out, "first");
    CHECK_THROWS_WITH_AS(
        [&] {
          site::StagedBuild staged(out);
          staged.output().write("page", "a file");
          staged.output().write("page/child.html", "in a folder");
          staged.commit();
        }(),
        doctest::Contains("page: could not write the folder"), core::Error);
    CHECK(read_text(out / "index.html") == "first");
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("an unchanged file is linked from the previous site, a changed one written") {
    build_site_with(out, "first");
    const std::uint64_t unchanged = inode(out / "reviews/a.html");
    const std::uint64_t changed = inode(out / "index.html");
    build_site_with(out, "second");
    CHECK(inode(out / "reviews/a.html") == unchanged);
    CHECK(inode(out / "index.html") != changed);
    CHECK(read_text(out / "index.html") == "second");
    CHECK(read_text(out / "reviews/a.html") == "a");
  }

  SUBCASE("a file written twice never changes the previous site through a link") {
    build_site_with(out, "first");
    CHECK_THROWS_AS(
        [&] {
          site::StagedBuild staged(out);
          staged.output().write("reviews/a.html", "a"); // linked: the same bytes
          staged.output().write("reviews/a.html", "b");
          throw std::runtime_error("rendering failed");
        }(),
        std::runtime_error);
    CHECK(read_text(out / "reviews/a.html") == "a");
  }

  SUBCASE("a build that fails before commit leaves the previous site intact") {
    build_site_with(out, "first");
    CHECK_THROWS_AS(
        [&] {
          site::StagedBuild staged(out);
          staged.output().write("index.html", "half");
          throw std::runtime_error("rendering failed");
        }(),
        std::runtime_error);
    CHECK(read_text(out / "index.html") == "first");
    CHECK(read_text(out / "reviews/a.html") == "a");
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("a file that cannot be written fails the build, and the previous site stays") {
    build_site_with(out, "first");
    CHECK_THROWS_WITH_AS(
        [&] {
          site::StagedBuild staged(out);
          staged.output().write("index.html", "second");
          // A folder cannot be made under a file: written on the writer thread, the
          // failure surfaces at the next write or at commit.
          staged.output().write("index.html/child.html", "x");
          for (int i = 0; i < 1000; ++i)
            staged.output().write("reviews/r" + std::to_string(i) + ".html", "r");
          staged.commit();
        }(),
        doctest::Contains("could not write"), core::Error);
    CHECK(read_text(out / "index.html") == "first");
    CHECK_FALSE(fs::exists(out / "reviews/r0.html"));
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("files are written in the order queued, from several threads") {
    {
      site::StagedBuild staged(out);
      std::vector<std::jthread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&staged, t] {
          for (int i = 0; i < 200; ++i) {
            staged.output().write("reviews/t" + std::to_string(t) + "-" + std::to_string(i) +
                                      ".html",
                                  std::string(static_cast<std::size_t>(i) * 100, 'x'));
          }
        });
      }
      threads.clear();
      staged.output().write("index.html", "first");
      staged.output().write("index.html", "last"); // the same path twice: the last wins
      staged.commit();
      CHECK(staged.output().files() == 803); // and the marker
      CHECK(staged.output().pages() == 802);
    }
    CHECK(read_text(out / "index.html") == "last");
    CHECK(read_text(out / "reviews/t3-199.html") == std::string(19900, 'x'));
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("a file made of parts copies its ranges from the previous site's file") {
    {
      site::StagedBuild staged(out);
      staged.output().write("reviews.json", "[alpha,beta,gamma]");
      staged.commit();
    }
    const std::uint64_t previous = inode(out / "reviews.json");
    {
      site::StagedBuild staged(out);
      std::vector<site::FilePart> parts;
      parts.push_back({"", 0, 7});     // "[alpha,"
      parts.push_back({"BETA", 0, 0}); // new bytes
      parts.push_back({",", 0, 0});    // new bytes, written with the ones before
      parts.push_back({"", 12, 6});    // "gamma]"
      staged.output().write_parts("reviews.json", std::move(parts));
      // A path already written is replaced, never written through its link.
      staged.output().write("index.html", "first");
      std::vector<site::FilePart> index_parts;
      index_parts.push_back({"second", 0, 0});
      staged.output().write_parts("index.html", std::move(index_parts));
      staged.commit();
    }
    CHECK(read_text(out / "reviews.json") == "[alpha,BETA,gamma]");
    CHECK(inode(out / "reviews.json") != previous);
    CHECK(read_text(out / "index.html") == "second");
  }

  SUBCASE("a range the previous file no longer holds fails the build, and the site stays") {
    {
      site::StagedBuild staged(out);
      staged.output().write("reviews.json", "[alpha]");
      staged.commit();
    }
    CHECK_THROWS_WITH_AS(
        [&] {
          site::StagedBuild staged(out);
          std::vector<site::FilePart> parts;
          parts.push_back({"", 4, 100});
          staged.output().write_parts("reviews.json", std::move(parts));
          staged.commit();
        }(),
        doctest::Contains("could not copy from the previous site's file"), core::Error);
    CHECK(read_text(out / "reviews.json") == "[alpha]");
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("with a trash folder, the old site is set aside there and removed by the next build") {
    const fs::path trash = scratch / "cache/old-sites";
    const auto build_with_trash = [&](const std::string& index) {
      site::StagedBuild staged(out, trash);
      staged.output().write("index.html", index);
      staged.commit();
    };
    const auto set_aside = [&] {
      std::vector<fs::path> sites;
      for (const auto& entry : fs::directory_iterator(trash)) sites.push_back(entry.path());
      return sites;
    };
    build_with_trash("first");
    CHECK_FALSE(fs::exists(trash)); // nothing to set aside
    build_with_trash("second");
    CHECK(read_text(out / "index.html") == "second");
    CHECK(leftovers(scratch.path()) == 0);
    REQUIRE(set_aside().size() == 1);
    CHECK(read_text(set_aside().front() / "index.html") == "first");
    build_with_trash("third");
    REQUIRE(set_aside().size() == 1);
    CHECK(read_text(set_aside().front() / "index.html") == "second");
    CHECK(read_text(out / "index.html") == "third");
  }

  SUBCASE("a folder review did not write is never replaced") {
    write_text(out / "notes.txt", "mine");
    CHECK_THROWS_WITH_AS(site::StagedBuild{out},
                         doctest::Contains("was not built by `review build`"), core::Error);
    CHECK(read_text(out / "notes.txt") == "mine");
    CHECK(leftovers(scratch.path()) == 0);
  }

  SUBCASE("an empty folder may be used") {
    fs::create_directories(out);
    build_site_with(out, "first");
    CHECK(read_text(out / "index.html") == "first");
  }

  SUBCASE("leftovers of a killed build are cleaned, a set-aside site is restored") {
    build_site_with(out, "first");
    // A build killed between its two renames: the old site set aside, no output.
    const fs::path aside = scratch / "._site.old-999999999";
    fs::rename(out, aside);
    fs::create_directories(scratch / "._site.tmp-999999998");
    write_text(scratch / "._site.tmp-999999998" / "index.html", "half");
    {
      site::StagedBuild staged(out); // cleans up on construction
      CHECK(read_text(out / "index.html") == "first");
    }
    CHECK(read_text(out / "index.html") == "first");
    CHECK(leftovers(scratch.path()) == 0);
  }
}
