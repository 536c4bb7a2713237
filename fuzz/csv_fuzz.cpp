// libFuzzer target: the CSV reader on any bytes. Every field and its location is read; the reader
// may report problems but must not crash, overflow or loop.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/csv.hpp"
#include "model/diagnostic.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  careforce::Diagnostics diagnostics;
  careforce::io::CsvReader reader(text, "fuzz.csv", diagnostics);
  std::size_t fields = 0;
  while (reader.Next()) {
    for (std::size_t field = 0; field < reader.size(); ++field) {
      fields += reader[field].size();
      (void)reader.At(field);
    }
    (void)reader.AtEnd();
  }
  return fields == static_cast<std::size_t>(-1) ? 1 : 0;
}
