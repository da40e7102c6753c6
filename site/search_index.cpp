// The client-side search index: one record per review with the fields the listing
// filters use and the review's text, in shards of about k_shard_bytes.
#include "core/byte_codec.hpp"
#include "site/format.hpp"
#include "site/html.hpp"
#include "site/layout.hpp"
#include "site/markdown_html.hpp"
#include "site/pages.hpp"
#include "site/parallel.hpp"

#include <fmt/format.h>

#include <iterator>
#include <set>
#include <utility>

namespace review::site {
namespace {

// Small enough that the first results of a search arrive quickly, large enough that
// 10,000 reviews stay under a hundred or so files.
constexpr std::size_t k_shard_bytes = std::size_t{256} * 1024;

// One review's record, written straight out rather than built as a JSON tree and
// dumped: the shards hold every review's text (59 MiB at 10,000 reviews). The keys
// are in the order a JSON object sorted by key would print them.
void put_search_record(std::string& out, const core::Review& review, std::string_view text) {
  const auto put_key = [&out](std::string_view key) {
    out += ",\"";
    out += key;
    out += "\":";
  };
  const auto put = [&](std::string_view key, std::string_view value) {
    put_key(key);
    append_script_json_string(out, value);
  };
  const auto put_list = [&](std::string_view key, const auto& values) {
    put_key(key);
    out += '[';
    bool first = true;
    for (const std::string& value : values) {
      if (!std::exchange(first, false)) out += ',';
      append_script_json_string(out, value);
    }
    out += ']';
  };
  std::set<std::string> competitors;
  if (review.competitors)
    competitors.insert(review.competitors->begin(), review.competitors->end());
  if (review.lost_to && !review.lost_to->empty()) competitors.insert(*review.lost_to);
  out += "{\"a\":";
  append_script_json_string(out, review.account ? *review.account : std::string());
  put("d", review.close_date ? review.close_date->to_string() : std::string());
  put("dd", review.close_date ? format_date(*review.close_date) : std::string());
  put("e", review.account_executive ? *review.account_executive : std::string());
  put_list("f", review.decision_factors ? *review.decision_factors : std::vector<std::string>());
  put_list("k", competitors);
  put("m", amount_text(review));
  put("o", core::outcome_name(*review.outcome));
  put("q", review.quarter ? review.quarter->to_string() : std::string());
  put("r", review.region ? *review.region : std::string());
  put("s", review.segment ? *review.segment : std::string());
  put("t", display_title(review));
  put("u", review_href(review));
  put("v", competition_text(review));
  put("x", text);
  out += '}';
}

// A shard is made from its name and its reviews' paths and texts alone (put_search_record).
PageDigest shard_digest(const SiteModel& model, std::string_view name,
                        const std::vector<std::size_t>& reviews) {
  std::string bytes;
  core::ByteWriter writer(bytes);
  writer.put_text(name);
  for (const std::size_t i : reviews) {
    writer.put_text(model.reviews[i]->path);
    writer.put(model.sources[i].text.low);
    writer.put(model.sources[i].text.high);
  }
  return digest_of(bytes);
}

} // namespace

SearchShards write_search_index(const SiteModel& model, SiteOutput& out, unsigned threads,
                                const PageCache& previous_build, PageDigests& files) {
  // Cut the shards first (in site order), then serialise and write them in parallel.
  struct Shard {
    std::string outcome;
    std::string name;
    std::vector<std::size_t> reviews; // indices into model.reviews
  };
  std::vector<Shard> cuts;
  SearchShards shards;
  for (const core::Outcome outcome :
       {core::Outcome::won, core::Outcome::lost, core::Outcome::no_decision}) {
    const std::string outcome_name(core::outcome_name(outcome));
    Shard shard;
    std::size_t bytes = 0;
    const auto flush = [&] {
      if (shard.reviews.empty()) return;
      shard.outcome = outcome_name;
      // site.js builds the same names from the counts.
      shard.name = fmt::format("{}-{:03}", outcome_name, shards[outcome_name]++);
      cuts.push_back(std::move(shard));
      shard = Shard{};
      bytes = 0;
    };
    for (std::size_t i = 0; i < model.reviews.size(); ++i) {
      if (*model.reviews[i]->outcome != outcome) continue;
      shard.reviews.push_back(i);
      // The Markdown's size stands for the plain text's, which is made only when its
      // shard is written: holding every review's (60 MiB at 10,000) was a tenth of a
      // build's peak memory.
      bytes += model.sources[i].body_bytes + 300;
      if (bytes >= k_shard_bytes) flush();
    }
    flush();
  }
  PageDigests made(cuts.size());
  parallel_for(cuts.size(), threads, [&](std::size_t s) {
    std::string path = "search/" + cuts[s].name + ".js";
    const PageDigest digest = shard_digest(model, cuts[s].name, cuts[s].reviews);
    if (!link_unchanged(out, previous_build, path, digest)) {
      std::string script = "window.__reviewSearch.push({\"docs\":[";
      for (const std::size_t i : cuts[s].reviews) {
        if (i != cuts[s].reviews.front()) script += ',';
        const ReviewSource& source = model.sources[i];
        if (source.file.empty()) {
          put_search_record(script, *model.reviews[i], source.search_text);
        } else {
          std::optional<core::Review> holder;
          put_search_record(script, *model.reviews[i], body_plain_text(model.in_full(i, holder)));
        }
      }
      script += "],\"shard\":";
      append_script_json_string(script, cuts[s].name);
      script += "});\n";
      out.write(path, std::move(script));
    }
    made[s] = {std::move(path), digest};
  });
  files.insert(files.end(), std::make_move_iterator(made.begin()),
               std::make_move_iterator(made.end()));
  return shards;
}

} // namespace review::site
