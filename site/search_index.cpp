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
#include <nlohmann/json.hpp>

#include <iterator>
#include <set>

namespace review::site {
namespace {

// Small enough that the first results of a search arrive quickly, large enough that
// 10,000 reviews stay under a hundred or so files.
constexpr std::size_t k_shard_bytes = std::size_t{256} * 1024;

nlohmann::json search_record(const core::Review& review, const std::string& text) {
  nlohmann::json record;
  record["u"] = review_href(review);
  record["t"] = display_title(review);
  record["a"] = review.account ? *review.account : std::string();
  record["o"] = core::outcome_name(*review.outcome);
  record["d"] = review.close_date ? review.close_date->to_string() : std::string();
  record["dd"] = review.close_date ? format_date(*review.close_date) : std::string();
  record["q"] = review.quarter ? review.quarter->to_string() : std::string();
  record["e"] = review.account_executive ? *review.account_executive : std::string();
  record["m"] = amount_text(review);
  std::set<std::string> competitors;
  if (review.competitors)
    competitors.insert(review.competitors->begin(), review.competitors->end());
  if (review.lost_to && !review.lost_to->empty()) competitors.insert(*review.lost_to);
  record["k"] = std::vector<std::string>(competitors.begin(), competitors.end());
  record["v"] = competition_text(review);
  record["s"] = review.segment ? *review.segment : std::string();
  record["r"] = review.region ? *review.region : std::string();
  record["f"] = review.decision_factors ? *review.decision_factors : std::vector<std::string>();
  record["x"] = text;
  return record;
}

std::string shard_script(const std::string& name, const nlohmann::json& docs) {
  const nlohmann::json shard = {{"shard", name}, {"docs", docs}};
  return "window.__reviewSearch.push(" +
         escape_script_json(shard.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) +
         ");\n";
}

// A shard is made from its name and its reviews' paths and texts alone (search_record).
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
      nlohmann::json docs = nlohmann::json::array();
      for (const std::size_t i : cuts[s].reviews) {
        const ReviewSource& source = model.sources[i];
        if (source.file.empty()) {
          docs.push_back(search_record(*model.reviews[i], source.search_text));
        } else {
          std::optional<core::Review> holder;
          docs.push_back(
              search_record(*model.reviews[i], body_plain_text(model.in_full(i, holder))));
        }
      }
      out.write(path, shard_script(cuts[s].name, docs));
    }
    made[s] = {std::move(path), digest};
  });
  files.insert(files.end(), std::make_move_iterator(made.begin()),
               std::make_move_iterator(made.end()));
  return shards;
}

} // namespace review::site
