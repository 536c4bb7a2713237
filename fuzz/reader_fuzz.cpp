// libFuzzer target: the readers of every file a place or a command line gives careforce. The
// first byte chooses the file (place.toml, services.toml, supply.toml, a scenario, a WISN file, a
// risk model, a register); the rest is its content, written to a scratch directory beside a copy
// of the demand toy place. A reader may reject the file (InputError, IoError: exit 2 in the
// command line); any other exception is a bug and ends the run (libFuzzer reports it).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "demand/demand.hpp"
#include "io/place_reader.hpp"
#include "io/reference_table.hpp"
#include "io/risk_reader.hpp"
#include "io/scenario_reader.hpp"
#include "io/scope_reader.hpp"
#include "io/service_reader.hpp"
#include "io/supply_reader.hpp"
#include "io/wisn_reader.hpp"
#include "model/error.hpp"

namespace fs = std::filesystem;
using namespace careforce;

namespace {

struct Fixture {
  fs::path place_directory;  // a copy of the demand toy; place.toml is rewritten by case 0
  std::string place_toml;    // the toy's own place.toml, put back after case 0
  Place place;
  demand::DemandReference reference;
  ScopeTable scope;
  fs::path scratch;
};

Fixture* fixture = nullptr;

void Write(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* toy = std::getenv("CAREFORCE_FUZZ_PLACE");
  const fs::path source = toy != nullptr ? fs::path(toy) : fs::path(CAREFORCE_FUZZ_PLACE);
  fixture = new Fixture();
  fixture->scratch = fs::temp_directory_path() / ("careforce-fuzz-" + std::to_string(getpid()));
  fs::remove_all(fixture->scratch);
  fs::create_directories(fixture->scratch);
  fixture->place_directory = fixture->scratch / "place";
  fs::copy(source, fixture->place_directory, fs::copy_options::recursive);
  std::ifstream in(fixture->place_directory / "place.toml", std::ios::binary);
  fixture->place_toml.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fixture->place = io::LoadPlace(fixture->place_directory.string());
  const std::string reference = io::ReferenceDirectory("");
  fixture->reference = demand::LoadDemandReference(reference);
  fixture->scope = io::ReadScopeTable(reference);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const fs::path file = fixture->scratch / "input";
  try {
    switch (data[0] % 7) {
      case 0: {
        Write(fixture->place_directory / "place.toml", content);
        Diagnostics diagnostics;
        (void)io::ReadPlace(fixture->place_directory.string(), diagnostics);
        Write(fixture->place_directory / "place.toml", fixture->place_toml);
        break;
      }
      case 1:
        Write(file, content);
        (void)io::ReadServices(file.string(), fixture->place, fixture->reference.NeedCodes(), {}, &fixture->scope);
        break;
      case 2:
        Write(file, content);
        (void)io::ReadSupplyConfig(file.string(), fixture->place);
        break;
      case 3: {
        Write(file, content);
        const std::vector<std::string> services = {"memory_support"};
        (void)io::ReadScenario(file.string(), fixture->place, services, fixture->reference.NeedCodes());
        break;
      }
      case 4:
        Write(file, content);
        (void)io::ReadWisnFile(file.string());
        break;
      case 5:
        Write(file, content);
        (void)io::ReadRiskModel(file.string());
        break;
      default:
        Write(file, content);
        (void)io::ReadRegister(file.string());
        break;
    }
  } catch (const InputError&) {
    // A rejected file: the command line says why and exits 2.
  } catch (const IoError&) {
  }
  if (data[0] % 7 == 0) Write(fixture->place_directory / "place.toml", fixture->place_toml);
  return 0;
}
