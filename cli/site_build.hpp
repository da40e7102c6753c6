// The part of `review build` that `review serve` repeats on every change: build the
// site, print what was built and what was left out, return the exit code.
#pragma once

#include "core/config.hpp"
#include "core/date.hpp"
#include "site/build.hpp"

#include <string>

namespace review::cli {

// Today's date, or the day of SOURCE_DATE_EPOCH when set (reproducible builds:
// overdue actions are decided against it).
core::Date build_date();

// Builds and reports on stderr/stdout. Returns 0, or 1 when reviews were left out
// or a configured file could not be read. Throws core::Error for failures.
int build_and_report(const core::Config& config, const site::BuildOptions& options,
                     bool print_open_hint);

} // namespace review::cli
