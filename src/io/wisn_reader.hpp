#pragma once

#include <string>
#include <vector>

#include "model/wisn.hpp"

namespace careforce::io {

// Reads a WISN file (docs/formats.md, "WISN files"): one [[role]] table per staff category with
// its [[role.activity]], [[role.support]] and [[role.individual]] tables. Every problem is
// reported; throws InputError when there is any.
std::vector<WisnRole> ReadWisnFile(const std::string& path);

}  // namespace careforce::io
