// Fuzz target: the CSV reader behind `review plan --deals FILE.csv` (CRM exports:
// BOM, ',' ';' or tab, quoted newlines). Text that is not a CSV table throws
// core::Error by contract; anything else is a finding, and so is a row whose field
// count differs from the header's, which parse_csv promises never to return.
#include "core/error.hpp"
#include "site/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const review::site::CsvTable table = review::site::parse_csv(text);
    for (const auto& row : table.rows) {
      if (row.fields.size() != table.header.size()) std::abort();
      (void)review::site::csv_row(row.fields, table.delimiter);
    }
  } catch (const review::core::Error&) {
    // The documented outcome for a file without a header, UTF-16 or not UTF-8.
  }
  return 0;
}
