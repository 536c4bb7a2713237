// The shipped example places are reproducible: rebuilding them gives the committed files byte
// for byte.

#include <filesystem>

#include <gtest/gtest.h>

#include "io/place_writer.hpp"
#include "synth/register.hpp"
#include "synth/synth.hpp"
#include "synth/west_sussex.hpp"
#include "test_support.hpp"

namespace careforce::synth {
namespace {

namespace fs = std::filesystem;
using careforce::testing::ReadFile;
using careforce::testing::TempDir;

const fs::path kSource = CAREFORCE_SOURCE_DIR;

void ExpectSameFiles(const fs::path& built, const fs::path& committed) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(committed)) {
    const fs::path name = entry.path().filename();
    ASSERT_TRUE(fs::exists(built / name)) << name << " is committed but was not rebuilt";
    EXPECT_TRUE(ReadFile(built / name) == ReadFile(entry.path())) << name << " differs from the committed file";
    ++files;
  }
  for (const auto& entry : fs::directory_iterator(built)) {
    EXPECT_TRUE(fs::exists(committed / entry.path().filename())) << entry.path().filename() << " is not committed";
  }
  EXPECT_GE(files, 10u);
}

TEST(Examples, WestbrookIsReproducible) {
  TempDir temp;
  SynthOptions options;
  options.seed = 20250331;
  options.population = 300000;
  Place place = SynthesisePlace(options, LoadCalibration((kSource / "reference").string()));
  place.demand.register_file = "register.csv";
  place.demand.risk_model_file = "risk_model.toml";
  const demand::DemandReference reference = demand::LoadDemandReference((kSource / "reference").string());
  place.practice_registers = SynthesisePracticeRegisters(place, reference, (kSource / "reference").string(), options.seed);
  io::WritePlace(place, temp.str());
  WriteServiceModel((kSource / "reference").string(), temp.str(), true);
  WriteSupplyConfig((kSource / "reference").string(), temp.str());
  WriteRegister(SynthesiseRegister(place, reference, options.seed), (temp.path() / "register.csv").string());
  ExpectSameFiles(temp.path(), kSource / "examples" / "westbrook");
}

TEST(Examples, WestSussexBuildScriptGivesTheCommittedFiles) {
  TempDir temp;
  const WestSussexPlace build =
      BuildWestSussex((kSource / "data" / "published").string(), (kSource / "reference").string());
  WriteWestSussex(build, temp.str());
  ExpectSameFiles(temp.path(), kSource / "examples" / "west-sussex");
}

}  // namespace
}  // namespace careforce::synth
