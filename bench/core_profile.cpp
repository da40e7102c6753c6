// review_bench_core: where core parsing spends its time on a corpus, stage by stage.
// Reads every review into memory first, so the stages time parsing, not the disk:
//   review_bench_core CORPUS_DIR
// Prints one line per stage (total ms, µs per review, share of a full parse) and the
// end-to-end scan_repo on one thread and on every core. Used by bench/run and by
// docs/performance.md; the numbers are for reading, not for assertions.
#include "core/config.hpp"
#include "core/front_matter.hpp"
#include "core/fs.hpp"
#include "core/markdown.hpp"
#include "core/repo.hpp"
#include "core/review.hpp"
#include "core/yaml_value.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Runs `stage` over every file and returns the milliseconds it took; `sink` keeps the
// optimiser from dropping work whose result is otherwise unused.
template <class Stage> double time_stage(std::size_t count, Stage stage, std::size_t& sink) {
  const auto start = Clock::now();
  for (std::size_t i = 0; i < count; ++i) sink += stage(i);
  return elapsed_ms(start);
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int run(const std::filesystem::path& corpus) {
  namespace core = review::core;
  const core::Config config = core::load_config(corpus);
  std::vector<core::Diagnostic> problems;
  const auto paths = core::list_review_files(config, problems);
  if (paths.empty()) {
    std::fprintf(stderr, "review_bench_core: no reviews under %s\n", config.reviews_path().c_str());
    return 2;
  }

  auto start = Clock::now();
  std::vector<core::SourceFile> files;
  files.reserve(paths.size());
  std::size_t bytes = 0;
  for (const auto& path : paths) {
    files.push_back({config.display_path(path), core::read_file(path)});
    bytes += files.back().content.size();
  }
  const double read_ms = elapsed_ms(start);

  // The stages parse_review runs, each on its own, on one thread.
  std::vector<core::SourceText> sources;
  sources.reserve(files.size());
  std::size_t sink = 0;
  const double normalise_ms = time_stage(
      files.size(),
      [&](std::size_t i) {
        sources.push_back(core::normalise_source(files[i].content));
        return sources.back().text.size();
      },
      sink);
  std::vector<core::FrontMatterSplit> splits(files.size());
  const double split_ms = time_stage(
      files.size(),
      [&](std::size_t i) {
        splits[i] = core::split_front_matter(sources[i].text);
        return splits[i].yaml.size();
      },
      sink);
  const double yaml_ms = time_stage(
      files.size(),
      [&](std::size_t i) {
        return core::parse_yaml(splits[i].yaml, splits[i].yaml_first_line).root.entries.size();
      },
      sink);
  const double markdown_ms = time_stage(
      files.size(),
      [&](std::size_t i) {
        return core::parse_markdown(sources[i].text, splits[i].body_offset, config.sections)
            .blocks.size();
      },
      sink);
  const double review_ms = time_stage(
      files.size(),
      [&](std::size_t i) {
        return core::parse_review(files[i].content, files[i].path, config).diagnostics.size();
      },
      sink);

  start = Clock::now();
  sink += core::parse_reviews(config, files, 0).reviews.size();
  const double parallel_ms = elapsed_ms(start);
  start = Clock::now();
  sink += core::scan_repo(config, 1).reviews.size();
  const double scan_one_ms = elapsed_ms(start);
  start = Clock::now();
  sink += core::scan_repo(config, 0).reviews.size();
  const double scan_all_ms = elapsed_ms(start);

  const double n = static_cast<double>(files.size());
  const auto line = [&](const char* stage, double ms) {
    fmt::print("{:<44} {:>9.0f} ms {:>8.1f} µs/review {:>5.0f}%\n", stage, ms, ms * 1000.0 / n,
               100.0 * ms / review_ms);
  };
  fmt::print("{} reviews, {:.1f} MiB, {} hardware threads\n", files.size(),
             static_cast<double>(bytes) / (1024.0 * 1024.0), std::thread::hardware_concurrency());
  line("read every file into memory", read_ms);
  line("normalise_source (BOM, CRLF)", normalise_ms);
  line("split_front_matter", split_ms);
  line("parse_yaml (libyaml + YamlValue)", yaml_ms);
  line("parse_markdown (md4c + model)", markdown_ms);
  line("parse_review, whole (1 thread)", review_ms);
  line("parse_reviews, in memory (all threads)", parallel_ms);
  line("scan_repo from disk (1 thread)", scan_one_ms);
  line("scan_repo from disk (all threads)", scan_all_ms);
  fmt::print("peak RSS {} MiB (every file held twice: raw and parsed)\n", peak_rss_mib());
  return sink == 0 ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: review_bench_core CORPUS_DIR\n");
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "review_bench_core: %s\n", e.what());
    return 2;
  }
}
