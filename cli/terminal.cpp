#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace review::cli {

bool use_color(std::FILE* stream) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::string_view(term) == "dumb")
    return false;
  return ::isatty(::fileno(stream)) != 0;
}

bool is_interactive() {
  return ::isatty(STDIN_FILENO) != 0 && ::isatty(STDERR_FILENO) != 0;
}

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    const int value = std::atoi(columns);
    if (value > 20) return value;
  }
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col;
  return 100;
}

std::optional<std::string> prompt(std::string_view question, std::string_view default_value) {
  std::cerr << question;
  if (!default_value.empty()) std::cerr << " [" << default_value << "]";
  std::cerr << ": " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return std::nullopt;
  while (!answer.empty() && (answer.back() == ' ' || answer.back() == '\r')) answer.pop_back();
  if (answer.empty()) return std::string(default_value);
  return answer;
}

namespace {
std::string wrap(bool enabled, std::string_view code, std::string_view text) {
  if (!enabled) return std::string(text);
  return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}
} // namespace

std::string Style::bold(std::string_view text) const {
  return wrap(enabled, "1", text);
}
std::string Style::dim(std::string_view text) const {
  return wrap(enabled, "2", text);
}
std::string Style::red(std::string_view text) const {
  return wrap(enabled, "31", text);
}
std::string Style::yellow(std::string_view text) const {
  return wrap(enabled, "33", text);
}
std::string Style::green(std::string_view text) const {
  return wrap(enabled, "32", text);
}
std::string Style::blue(std::string_view text) const {
  return wrap(enabled, "34", text);
}
std::string Style::cyan(std::string_view text) const {
  return wrap(enabled, "36", text);
}

} // namespace review::cli
