// Terminal concerns of the CLI: colour (NO_COLOR respected), prompts, widths.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace review::cli {

// True when `stream` is a terminal and neither NO_COLOR nor TERM=dumb says otherwise.
bool use_color(std::FILE* stream);
bool is_interactive(); // stdin and stderr are terminals
int terminal_width();  // COLUMNS, the tty's width, or 100

// Asks on stderr, reads a line from stdin; the default is shown and used for an empty answer.
// nullopt at end of input.
std::optional<std::string> prompt(std::string_view question, std::string_view default_value = {});

struct Style {
  bool enabled = false;
  std::string bold(std::string_view text) const;
  std::string dim(std::string_view text) const;
  std::string red(std::string_view text) const;
  std::string yellow(std::string_view text) const;
  std::string green(std::string_view text) const;
  std::string blue(std::string_view text) const;
  std::string cyan(std::string_view text) const;
};

} // namespace review::cli
