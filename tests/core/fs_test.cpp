// core/fs: whole-file reads and atomic writes, in pieces or at once.
#include "core/error.hpp"
#include "core/fs.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

using review::test::read_text;
using review::test::ScratchDir;
using review::test::write_text;

namespace {

// The names in `folder`, to see that no temporary file was left behind.
std::string listing(const std::filesystem::path& folder) {
  std::string names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names += entry.path().filename().string() + " ";
  return names;
}

} // namespace

TEST_CASE("read_file") {
  const ScratchDir scratch;
  SUBCASE("every byte, NULs and CRLF included, of small, empty and large files") {
    const std::string small("a\0b\r\nc", 6);
    write_text(scratch / "small", small);
    CHECK(review::core::read_file(scratch / "small") == small);
    write_text(scratch / "empty", "");
    CHECK(review::core::read_file(scratch / "empty").empty());
    std::string large;
    for (int i = 0; large.size() < 3'000'000; ++i) large += std::to_string(i) + '\n';
    write_text(scratch / "large", large);
    CHECK(review::core::read_file(scratch / "large") == large);
  }
  SUBCASE("a missing file and a folder are errors naming the path") {
    CHECK_THROWS_WITH_AS(review::core::read_file(scratch / "missing"),
                         doctest::Contains("missing: could not read: No such file"),
                         review::core::Error);
    CHECK_THROWS_WITH_AS(review::core::read_file(scratch.path()),
                         doctest::Contains("could not read: Is a directory"), review::core::Error);
  }
}

TEST_CASE("AtomicFileWriter") {
  const ScratchDir scratch;
  const auto target = scratch / "out" / "file";
  write_text(target, "previous\n");

  SUBCASE("pieces smaller and larger than its buffer arrive in order") {
    std::string expected;
    {
      review::core::AtomicFileWriter writer(target);
      for (int i = 0; i < 100'000; ++i) {
        const std::string piece = std::to_string(i) + ',';
        writer.write(piece);
        expected += piece;
      }
      const std::string large(3 << 20, 'x');
      writer.write(large);
      expected += large;
      writer.write("end");
      expected += "end";
      CHECK(read_text(target) == "previous\n"); // nothing shows before commit()
      writer.commit();
    }
    CHECK(read_text(target) == expected);
    CHECK(listing(scratch / "out") == "file ");
  }
  SUBCASE("without commit() the file is untouched and the temporary file removed") {
    {
      review::core::AtomicFileWriter writer(target);
      writer.write(std::string(5 << 20, 'y'));
    }
    CHECK(read_text(target) == "previous\n");
    CHECK(listing(scratch / "out") == "file ");
  }
  SUBCASE("write_file_atomic replaces the whole file") {
    review::core::write_file_atomic(target, "new\n");
    CHECK(read_text(target) == "new\n");
    CHECK(listing(scratch / "out") == "file ");
  }
}

TEST_CASE("remove_abandoned_temporaries") {
  const ScratchDir scratch;
  const auto target = scratch / "front-matter";
  const auto old_time = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
  for (const char* name :
       {".front-matter.tmp-123-0", ".front-matter.tmp-456-3", ".other.tmp-1-0", "front-matter"}) {
    write_text(scratch / name, "x");
    std::filesystem::last_write_time(scratch / name, old_time);
  }
  write_text(scratch / ".front-matter.tmp-789-0", "a writer still at work");
  review::core::remove_abandoned_temporaries(target);
  CHECK_FALSE(std::filesystem::exists(scratch / ".front-matter.tmp-123-0"));
  CHECK_FALSE(std::filesystem::exists(scratch / ".front-matter.tmp-456-3"));
  CHECK(std::filesystem::exists(scratch / ".front-matter.tmp-789-0"));
  CHECK(std::filesystem::exists(scratch / ".other.tmp-1-0"));
  CHECK(std::filesystem::exists(scratch / "front-matter"));
}
