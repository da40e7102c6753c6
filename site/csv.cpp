#include "site/csv.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace review::site {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// The delimiter the header line uses most, ignoring quoted text; ',' on a tie.
char detect_delimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};
  constexpr std::array<char, 3> k_candidates = {',', ';', '\t'};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t i = 0; i < k_candidates.size(); ++i)
      if (c == k_candidates[i]) ++counts[i];
  }
  const auto most = std::max_element(counts.begin(), counts.end());
  return k_candidates[static_cast<std::size_t>(most - counts.begin())];
}

enum class FieldEnd { delimiter, line_end, file_end, error };

// Splits records field by field. A record ends at a line break outside quotes.
class Reader {
public:
  Reader(std::string_view text, char delimiter) : m_text(text), m_delimiter(delimiter) {}

  bool at_end() const { return m_pos >= m_text.size(); }

  // Reads one record; `error` is set (and the rest of its line skipped) when malformed.
  CsvRow next(std::string& error) {
    CsvRow row;
    row.line = m_line;
    while (true) {
      std::string field;
      const FieldEnd end = read_field(field, row.fields.size() + 1, error);
      if (end == FieldEnd::error) return row;
      row.fields.push_back(std::move(field));
      if (end != FieldEnd::delimiter) return row;
    }
  }

private:
  FieldEnd read_field(std::string& field, std::size_t number, std::string& error) {
    if (!at_end() && m_text[m_pos] == '"') {
      if (!read_quoted(field, error)) return FieldEnd::error;
      const FieldEnd end = field_end();
      if (end != FieldEnd::error) return end;
      error = fmt::format(
          "unexpected text after the closing quote of field {}; a quote inside a quoted field "
          "is written twice (\"\")",
          number);
      skip_rest_of_line();
      return FieldEnd::error;
    }
    // Unquoted: a quote inside is kept as written, as spreadsheets do.
    while (true) {
      const FieldEnd end = field_end();
      if (end != FieldEnd::error) return end;
      field += m_text[m_pos++];
    }
  }

  // Consumes a delimiter or line break at the current position; error when neither.
  FieldEnd field_end() {
    if (at_end()) return FieldEnd::file_end;
    const char c = m_text[m_pos];
    if (c == m_delimiter) {
      ++m_pos;
      return FieldEnd::delimiter;
    }
    if (c == '\n' || c == '\r') {
      consume_line_break();
      return FieldEnd::line_end;
    }
    return FieldEnd::error;
  }

  // At an opening quote: reads up to the closing quote; "" is one quote.
  bool read_quoted(std::string& field, std::string& error) {
    const std::size_t opened = m_line;
    ++m_pos;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '"') {
        if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
          field += '"';
          m_pos += 2;
          continue;
        }
        ++m_pos;
        return true;
      }
      if (c == '\n' || c == '\r') {
        // A quoted line break (LF, CRLF or CR) is kept as "\n".
        consume_line_break();
        field += '\n';
        continue;
      }
      field += c;
      ++m_pos;
    }
    error = fmt::format("a quoted field opened on line {} is never closed, so the rest of the file "
                        "could not be read",
                        opened);
    return false;
  }

  void consume_line_break() {
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
    ++m_pos;
    ++m_line;
  }

  void skip_rest_of_line() {
    while (!at_end() && m_text[m_pos] != '\n' && m_text[m_pos] != '\r') ++m_pos;
    if (!at_end()) consume_line_break();
  }

  std::string_view m_text;
  char m_delimiter;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
};

bool is_blank(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const std::string& field) { return core::trim(field).empty(); });
}

void check_encoding(std::string_view text) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
    throw core::Error("the file is UTF-16; export it as CSV UTF-8 (in Excel: Save As → CSV UTF-8)");
  if (const auto bad = core::find_invalid_utf8(text)) {
    const auto line =
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
    throw core::Error(
        fmt::format("line {}: the file is not UTF-8 (perhaps Windows-1252); export it as CSV UTF-8 "
                    "(in Excel: Save As → CSV UTF-8)",
                    line));
  }
}

} // namespace

CsvTable parse_csv(std::string_view text) {
  check_encoding(text);
  if (text.starts_with(k_utf8_bom)) text.remove_prefix(k_utf8_bom.size());

  CsvTable table;
  table.delimiter = detect_delimiter(text);
  Reader reader(text, table.delimiter);
  bool have_header = false;
  while (!reader.at_end()) {
    std::string error;
    CsvRow row = reader.next(error);
    if (!error.empty()) {
      table.problems.push_back({row.line, error});
      continue;
    }
    if (is_blank(row)) continue;
    if (!have_header) {
      for (auto& name : row.fields) table.header.emplace_back(core::trim(name));
      have_header = true;
      continue;
    }
    if (row.fields.size() != table.header.size()) {
      table.problems.push_back(
          {row.line,
           fmt::format(
               "expected {} fields as in the header, found {}; a field holding the separator "
               "'{}' must be quoted",
               table.header.size(), row.fields.size(),
               table.delimiter == '\t' ? std::string("tab") : std::string(1, table.delimiter))});
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  if (!have_header)
    throw core::Error("the file is empty; expected a header line naming the columns");
  return table;
}

std::string csv_field(std::string_view value, char delimiter) {
  const bool needs_quotes =
      value.find_first_of(std::string{'"', '\n', '\r', delimiter}) != std::string_view::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    out += csv_field(fields[i], delimiter);
  }
  return out + "\r\n";
}

} // namespace review::site
