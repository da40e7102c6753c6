// CSV as spreadsheets and CRMs write it (RFC 4180 plus what real exports do:
// a UTF-8 byte-order mark, ';' or tab separators from European locales), and CSV
// as our commands write it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace review::site {

struct CsvRow {
  std::size_t line = 0; // where the row starts in the file (1-based); a quoted newline spans lines
  std::vector<std::string> fields;
};

struct CsvProblem {
  std::size_t line = 0;
  std::string message; // lowercase, says what was expected
};

struct CsvTable {
  char delimiter = ',';
  std::vector<std::string> header;  // names trimmed
  std::vector<CsvRow> rows;         // only well-formed rows with as many fields as the header
  std::vector<CsvProblem> problems; // bad rows, each skipped
};

// Parses a whole export. The delimiter (',', ';' or tab) is the one the header line
// uses most outside quotes. Blank lines are skipped; a row with a stray quote or
// a different number of fields than the header is reported and skipped; an unclosed
// quote is reported at the line where it opened. Throws core::Error when there is no
// header, when the file is UTF-16, or when it is not UTF-8 (naming the line).
CsvTable parse_csv(std::string_view text);

// One field, quoted when it holds the delimiter, a quote, a line break or
// surrounding spaces (RFC 4180).
std::string csv_field(std::string_view value, char delimiter = ',');
// Fields joined by the delimiter, ending in "\r\n" as RFC 4180 asks.
std::string csv_row(const std::vector<std::string>& fields, char delimiter = ',');

} // namespace review::site
