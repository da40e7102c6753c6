// The one error type for operational failures (I/O, config, git, usage).
// Lint findings are never errors: they are Diagnostic values.
#pragma once

#include <stdexcept>
#include <string>

namespace review::core {

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace review::core
