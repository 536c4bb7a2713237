#include "io/reference_table.hpp"

#include <cstdlib>

#ifndef CAREFORCE_REFERENCE_DIR
#define CAREFORCE_REFERENCE_DIR "reference"
#endif

namespace careforce::io {

std::string ReferenceDirectory(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* from_environment = std::getenv("CAREFORCE_REFERENCE"); from_environment && *from_environment) {
    return from_environment;
  }
  return CAREFORCE_REFERENCE_DIR;
}

}  // namespace careforce::io
