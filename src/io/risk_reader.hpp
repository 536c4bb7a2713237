#pragma once

#include <string>

#include "model/limits.hpp"
#include "model/risk.hpp"

namespace careforce::io {

// Reads a person-level register (docs/formats.md, "Registers"). Plain rows are parsed by a
// fast path; any other row goes through the general reader, which reports its problems. Each
// person is listed once, and at most `limit` people (the rest is not read). Throws InputError
// with every problem.
Register ReadRegister(const std::string& path, const Limit& limit = kMaxRegisterRows);

// Reads a risk model (docs/formats.md, "Risk models"). Throws InputError with every problem.
RiskModel ReadRiskModel(const std::string& path);

}  // namespace careforce::io
