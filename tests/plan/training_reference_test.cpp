// The course catalogue and the refresher intervals as read (docs/formats.md, "courses.csv" and
// "refreshers.csv"): a refresher's own course, the workplace mode, and exact errors.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plan/training.hpp"
#include "test_support.hpp"

namespace careforce::plan {
namespace {

using careforce::testing::TempDir;
using careforce::testing::WriteFile;

constexpr const char* kHeader =
    "code,name,provider,confers,off_job_hours,on_job_hours,fee,cohort_min,cohort_max,trainer_hours,"
    "trainer_cost_per_hour,runs_per_year,lead_time_months,duration_months,mode,source,basis\n";
constexpr const char* kMed = "MED,Medicines,Hub,MED,7,0,350,4,12,7,40,12,0,3,blended,test,assumption\n";
constexpr const char* kCheck = "MED-CHECK,Medicines check,employer,MED,1,1,0,1,1,1,40,1000,0,1,workplace,test,assumption\n";

struct Read {
  TrainingReference reference;
  std::vector<std::string> errors;
};

// Reads a reference directory holding the given catalogue rows and refreshers.csv body for a
// place with competences MED and SAFEG.
Read ReadWith(const std::string& courses, const std::string& refreshers) {
  TempDir temp;
  std::filesystem::create_directories(temp.path() / "training");
  WriteFile(temp.path() / "training" / "courses.csv", std::string(kHeader) + courses);
  WriteFile(temp.path() / "training" / "refreshers.csv", "competence,valid_months,source,basis,course\n" + refreshers);
  Place place;
  place.competences.push_back(Competence{"MED", "Medicines administration", "Clinical skills", ""});
  place.competences.push_back(Competence{"SAFEG", "Safeguarding adults", "CSTF", ""});
  Diagnostics diagnostics;
  Read read;
  read.reference = ReadTrainingReference(place, temp.path().string(), temp.path().string(), diagnostics);
  for (const Diagnostic& found : diagnostics.all()) {
    if (found.severity == Severity::kError) {
      // The file name without the temporary directory.
      std::string text = found.Format();
      text.erase(0, temp.path().string().size() + 1);
      read.errors.push_back(text);
    }
  }
  return read;
}

TEST(TrainingReference, ARefresherNamesTheCourseThatRenewsIt) {
  const Read read = ReadWith(std::string(kMed) + kCheck, "MED,12,test,assumption,MED-CHECK\nSAFEG,36,test,assumption,\n");
  ASSERT_TRUE(read.errors.empty()) << read.errors.front();
  ASSERT_EQ(read.reference.courses.size(), 2U);
  EXPECT_FALSE(read.reference.courses[0].refresher_only);
  EXPECT_TRUE(read.reference.courses[1].refresher_only);
  EXPECT_EQ(read.reference.courses[1].mode, "workplace");
  EXPECT_TRUE(read.reference.courses[1].by_employer);
  ASSERT_EQ(read.reference.refreshers.size(), 2U);
  EXPECT_EQ(read.reference.refreshers[0].course, 1U);
  EXPECT_EQ(read.reference.refreshers[0].valid_months, 12);
  EXPECT_EQ(read.reference.refreshers[1].course, static_cast<std::size_t>(-1));  // the course of first learning
}

TEST(TrainingReference, ARefresherCourseNotInTheCatalogueIsAnError) {
  const Read read = ReadWith(kMed, "MED,12,test,assumption,MED-CHEK\n");
  ASSERT_EQ(read.errors.size(), 1U);
  EXPECT_EQ(read.errors[0].substr(0, read.errors[0].find(": error:")), "training/refreshers.csv:2:24");  // the course column, 24th character
  EXPECT_NE(read.errors[0].find("refresher course \"MED-CHEK\" is not in the catalogue ("), std::string::npos)
      << read.errors[0];
  EXPECT_NE(read.errors[0].find("), expected a course code"), std::string::npos) << read.errors[0];
}

TEST(TrainingReference, ARefresherCourseMustConferTheCompetence) {
  const Read read = ReadWith(std::string(kMed) + kCheck, "SAFEG,36,test,assumption,MED-CHECK\n");
  ASSERT_EQ(read.errors.size(), 1U);
  EXPECT_EQ(read.errors[0],
            "training/refreshers.csv:2:26: error: refresher course MED-CHECK does not confer SAFEG, expected a course "
            "whose confers lists it");
}

TEST(TrainingReference, AnUnknownModeIsAnError) {
  const Read read = ReadWith("MED,Medicines,Hub,MED,7,0,350,4,12,7,40,12,0,3,on the job,test,assumption\n", "");
  ASSERT_EQ(read.errors.size(), 1U);
  EXPECT_NE(read.errors[0].find("training/courses.csv:2:"), std::string::npos) << read.errors[0];
  EXPECT_NE(read.errors[0].find("expected classroom, e-learning, blended or workplace"), std::string::npos)
      << read.errors[0];
}

}  // namespace
}  // namespace careforce::plan
