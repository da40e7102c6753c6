// The page writers: each renders one kind of page (or export) of the site from the
// model into the output folder. build.cpp calls them in turn.
#pragma once

#include "core/byte_codec.hpp"
#include "site/output.hpp"
#include "site/page_cache.hpp"
#include "site/site_model.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace review::site {

// How many shard files the search index has, by outcome name ("won", "lost",
// "no-decision"). Shard i of an outcome is search/<outcome>-<i, at least 3 digits>.js;
// site.js builds the names from the counts, so a listing page does not list every file
// (at 100,000 reviews, 2,300 names on each of 2,000 pages).
using SearchShards = std::map<std::string, std::size_t>;

// Reviews per listing page; the rest is reached through page links or the filters.
inline constexpr std::size_t k_listing_page_size = 100;
// Actions per team page.
inline constexpr std::size_t k_actions_page_size = 100;

// Everything render_page and the review pages read from the model besides the
// reviews themselves; the config and the program are checked by PageCache. A page
// whose digest includes these bytes is made again when any of it changes.
std::string page_site_inputs(const SiteModel& model);
// What the site reads of model.reviews[i] itself: its path and text, where it lives in
// git, and its history. Part of every digest of a page or piece made from the review.
void put_review_inputs(core::ByteWriter& writer, const SiteModel& model, std::size_t i);

// One page per review, rendered on `threads` threads, except that a page the previous
// build made from the same inputs is linked from the previous site. Returns each
// page's path and digest, for the next build.
PageDigests write_review_pages(const SiteModel& model, SiteOutput& out, unsigned threads,
                               const PageCache& previous_build);

// The search index as JSONP-style .js shards (window.__reviewSearch.push(…)), which
// load from file:// where fetch() is refused, and only when a reader filters.
// A shard the previous build made from the same reviews is linked, as review pages
// are; each shard's path and digest is added to `files`.
SearchShards write_search_index(const SiteModel& model, SiteOutput& out, unsigned threads,
                                const PageCache& previous_build, PageDigests& files);

void write_home(const SiteModel& model, SiteOutput& out);
// The listings and the teams' action pages are linked, page by page, as review pages
// are, and each page's path and digest added to `made`.
void write_listings(const SiteModel& model, const SearchShards& shards, SiteOutput& out,
                    const PageCache& previous_build, PageDigests& made);
void write_actions(const SiteModel& model, SiteOutput& out, const PageCache& previous_build,
                   PageDigests& made);
void write_insights(const SiteModel& model, SiteOutput& out);
void write_coverage(const SiteModel& model, SiteOutput& out);

// reviews.json (one review per line, sorted by id, so the file diffs and greps well),
// actions.csv and feed.xml. A review's line and action rows the previous build made
// from the same inputs are copied from the previous site's files. Returns those two
// files' pieces, for the next build.
PiecedFiles write_exports(const SiteModel& model, SiteOutput& out, unsigned threads,
                          const PageCache& previous_build);

// Our stylesheet, script and icon, plus the repo's own stylesheet when it has one.
void write_assets(std::string_view theme_css, bool has_theme_css, SiteOutput& out);

} // namespace review::site
