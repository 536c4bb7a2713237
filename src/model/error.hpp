#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "model/diagnostic.hpp"

namespace careforce {

// Base of every error careforce reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input is wrong (exit status 2); carries every problem found.
class InputError : public Error {
 public:
  explicit InputError(Diagnostics diagnostics)
      : Error("invalid input"), diagnostics_(std::move(diagnostics)) {}
  // A single problem at a location.
  InputError(Location where, std::string message) : Error(message) {
    diagnostics_.Error(std::move(where), std::move(message));
  }
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// A file or database could not be read or written (exit status 2: the user can act on it).
class IoError : public Error {
 public:
  using Error::Error;
};

// A broken invariant inside careforce (exit status 1).
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace careforce
