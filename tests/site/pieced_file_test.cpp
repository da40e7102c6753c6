// A file made of pieces: a piece the previous build made from the same inputs is
// copied from the previous site's file, and only while that file is as it was left.
#include "site/pieced_file.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace review;
using review::test::inode;
using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;
namespace fs = std::filesystem;

namespace {

const site::PageDigest k_head{1, 1};
const site::PageDigest k_alpha{2, 2};
const site::PageDigest k_beta{3, 3};
const site::PageDigest k_gamma{4, 4};

} // namespace

TEST_CASE("pieced file") {
  ScratchDir scratch;
  const fs::path out = scratch / "_site";
  const fs::path cache = scratch / "cache/pages";
  // Builds a site with one pieced file; `add` adds its pieces.
  const auto build = [&](const auto& add) {
    const site::PageCache previous = site::PageCache::read(cache, out, "");
    site::StagedBuild staged(out);
    site::PiecedFile file("reviews.json", previous, staged.output());
    add(file);
    const site::PiecedFiles pieced = {std::move(file).write(staged.output())};
    staged.commit();
    site::PageCache::write(cache, out, "", {}, pieced, staged.output().stamps());
  };
  build([](site::PiecedFile& file) {
    CHECK_FALSE(file.has(k_head)); // no previous build
    file.add(k_head, "[\n");
    file.append(k_alpha, "alpha,\n");
    file.append(k_beta, "beta,\n");
    file.append(k_gamma, "gamma\n");
  });
  REQUIRE(read_text(out / "reviews.json") == "[\nalpha,\nbeta,\ngamma\n");

  SUBCASE("pieces made from the same inputs come from the previous file") {
    build([](site::PiecedFile& file) {
      CHECK(file.has(k_alpha));
      CHECK_FALSE(file.has(site::PageDigest{3, 4}));
      file.add(k_head, "never read");
      CHECK(file.reuse(k_alpha));
      CHECK_FALSE(file.reuse(site::PageDigest{3, 4}));
      file.append(site::PageDigest{3, 4}, "BETA,\n");
      CHECK(file.reuse(k_gamma));
    });
    CHECK(read_text(out / "reviews.json") == "[\nalpha,\nBETA,\ngamma\n");
    // And the new file's pieces are known to the next build, in their new places.
    build([](site::PiecedFile& file) {
      CHECK(file.reuse(k_gamma));
      CHECK(file.reuse(site::PageDigest{3, 4}));
      CHECK(file.reuse(k_head));
    });
    CHECK(read_text(out / "reviews.json") == "gamma\nBETA,\n[\n");
  }

  SUBCASE("the previous file whole is linked") {
    const std::uint64_t before = inode(out / "reviews.json");
    build([](site::PiecedFile& file) {
      for (const auto& digest : {k_head, k_alpha, k_beta, k_gamma}) CHECK(file.reuse(digest));
    });
    CHECK(inode(out / "reviews.json") == before);
  }

  SUBCASE("a file edited in the output folder is made anew") {
    write_text(out / "reviews.json", "[\nalpha,\nbeta,\ngamma\n]\n");
    build([](site::PiecedFile& file) {
      CHECK_FALSE(file.has(k_alpha));
      file.append(k_alpha, "alpha\n");
    });
    CHECK(read_text(out / "reviews.json") == "alpha\n");
  }
}
