#include "cli/place_template.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "model/error.hpp"
#include "report/plan_report.hpp"

namespace careforce::cli {

namespace {

// TOML carries comments; CSV files cannot (docs/formats.md, "Rules for every CSV file"), so
// place.toml says where each table is described.
constexpr const char* kPlaceToml = R"template(# A place of your own, written by careforce init: replace the fictional rows of every file
# with your own, then run careforce validate on this directory. Every file and column is
# described in docs/formats.md of careforce:
#   place.toml               "place.toml"
#   organisations.csv        "organisations.csv — every employer"
#   roles.csv                "roles.csv — every job" (and "Reference codes")
#   competences.csv          "competences.csv — what the workforce can do"
#   role_competences.csv     "role_competences.csv — each role's profile"
#   staff.csv                "staff.csv — one row per person and post"
#   vacancies.csv            "vacancies.csv — vacant posts"
#   leavers.csv              "leavers.csv — people who left in the last one to three years"
#   population.csv           "population.csv (layout careforce)"
#   services.toml            "Service models (services.toml)"
#   supply.toml              "Supply configuration (supply.toml)", optional
name = "My place"
description = "A template written by careforce init: two localities, three employers, fictional staff"
base_year = 2025
census_date = 2025-03-31           # the day the staff snapshot describes; no date in the files may be later

[settings]
retirement_age = 67
suppression_threshold = 5          # counts 1 to 4 are hidden in shared outputs

[demand]
years = 5                          # years projected after the base year
available_hours_per_fte = 1590
direct_care_share = 0.7

[demand.prevalence_change_per_year]
dementia = 0.01                    # need code (reference/demand/needs.csv) = change a year

# One [[locality]] per area: an ONS area code where there is one, the codes population.csv,
# organisations.csv and the optional locality columns use.
[[locality]]
code = "L1"
name = "North"

[[locality]]
code = "L2"
name = "South"
)template";

constexpr const char* kOrganisationsCsv = R"template(code,name,sector,locality
ORG1,North Community Health Services,nhs_community,L1
ORG2,South Council Adult Social Care,local_authority,L2
ORG3,Meadow View Care Home,independent,L2
)template";

// Shipped role and competence codes (reference/synth), so every reference figure applies; a
// place's own codes take reference_role and reference_competence columns.
constexpr const char* kRolesCsv = R"template(code,name,staff_group,registered,afc_band,hourly_rate,annual_salary,pay_comparator
RN,Registered nurse,registered_nursing,yes,5,,,registered_nurse
HCA,Healthcare assistant,support_care,no,3,,,support_worker
CW,Care worker,support_care,no,,12.00,,support_worker
)template";

constexpr const char* kCompetencesCsv = R"template(code,name,framework
PERSCARE,Personal care,Care Certificate standards
MED,Medicines administration,Clinical skills
DEM,Dementia awareness,Dementia Training Standards Framework (tier 1)
)template";

constexpr const char* kRoleCompetencesCsv = R"template(role,competence
RN,MED
RN,DEM
RN,PERSCARE
HCA,PERSCARE
CW,PERSCARE
CW,DEM
)template";

constexpr const char* kStaffCsv = R"template(person_id,organisation,role,fte,age,sex,start_date,annual_pay,contract,locality,team
S001,ORG1,RN,1.0,44,F,2012-09-01,36500,permanent,,North community nursing
S002,ORG1,RN,0.8,58,F,2001-04-01,31200,permanent,,North community nursing
S003,ORG1,HCA,1.0,29,M,2021-06-14,24100,permanent,,North community nursing
S004,ORG2,CW,1.0,36,F,2019-01-07,23400,permanent,,South reablement
S005,ORG2,CW,0.6,61,F,2010-10-01,14040,permanent,,South reablement
S006,ORG3,CW,1.0,24,F,2024-02-01,23400,zero_hours,,
S007,ORG3,CW,0.5,47,M,2016-05-16,11700,permanent,,
S008,ORG3,RN,1.0,39,F,2020-03-02,38000,permanent,,
)template";

constexpr const char* kVacanciesCsv = R"template(id,organisation,role,fte,date_opened,locality
V001,ORG1,RN,1.0,2025-01-13,
V002,ORG3,CW,2.0,2024-11-01,
)template";

constexpr const char* kLeaversCsv = R"template(person_id,organisation,role,fte,age,sex,start_date,leave_date,reason,destination
X001,ORG3,CW,1.0,23,F,2023-05-01,2024-08-15,resignation,independent
X002,ORG1,RN,1.0,66,F,1989-09-01,2024-10-31,retirement,outside
)template";

// People of the ages the shipped prevalence applies to, in the base year and the last year of
// [demand] (years between are interpolated).
constexpr const char* kPopulationCsv = R"template(area,year,age,sex,count
L1,2025,65-74,F,2600
L1,2025,65-74,M,2400
L1,2025,75-84,F,1500
L1,2025,75-84,M,1200
L1,2025,85+,F,600
L1,2025,85+,M,350
L1,2030,65-74,F,2700
L1,2030,65-74,M,2500
L1,2030,75-84,F,1750
L1,2030,75-84,M,1400
L1,2030,85+,F,700
L1,2030,85+,M,420
L2,2025,65-74,F,3100
L2,2025,65-74,M,2800
L2,2025,75-84,F,1900
L2,2025,75-84,M,1500
L2,2025,85+,F,800
L2,2025,85+,M,450
L2,2030,65-74,F,3200
L2,2030,65-74,M,2900
L2,2030,75-84,F,2150
L2,2030,75-84,M,1750
L2,2030,85+,F,900
L2,2030,85+,M,540
)template";

constexpr const char* kServicesToml = R"template(# The service model: who each service is for, how many it reaches and what each person
# receives (docs/formats.md, "Service models (services.toml)"). reference/demand/service_model.toml
# of careforce is a fuller model with its assumptions.
[[service]]
code = "dementia_home_support"
name = "Home support for people living with dementia"
setting = "home"
cohort = "dementia"               # a need code of reference/demand/needs.csv
share_eligible = 0.3              # share of the cohort reached in a year
assumptions = "Template figures: replace them with your own and say where they come from."

  [service.change]
  share_eligible = 0.35           # reached by `year`, moving linearly from the base year
  year = 2030

  [[service.tier]]
  name = "all"
  share = 1.0

    [[service.tier.intervention]]
    name = "Personal care visit"
    contacts_per_week = 2
    minutes_per_contact = 45
    travel_minutes_per_visit = 15
    competences = ["PERSCARE"]
    act = "personal_care"         # an act of the task table (reference/plan/scope.csv): who may give it
)template";

constexpr const char* kSupplyToml = R"template(# Optional: how the workforce we will have is projected (docs/formats.md, "Supply
# configuration (supply.toml)"). Without [[leaver_rate]], [[joiners]], [[move]] or [[pipeline]]
# tables, supply uses the rates measured from leavers.csv (blended with the reference rates) and
# recruits as many as joined in the year to the census.
[settings]
by_locality = true

# [[pipeline]]                 # a training pipeline into a role, for example:
# name = "Nursing degree apprenticeship"
# role = "RN"
)template";

}  // namespace

std::vector<std::pair<std::string, std::string>> PlaceTemplate() {
  return {{"place.toml", kPlaceToml},
          {"organisations.csv", kOrganisationsCsv},
          {"roles.csv", kRolesCsv},
          {"competences.csv", kCompetencesCsv},
          {"role_competences.csv", kRoleCompetencesCsv},
          {"staff.csv", kStaffCsv},
          {"vacancies.csv", kVacanciesCsv},
          {"leavers.csv", kLeaversCsv},
          {"population.csv", kPopulationCsv},
          {"services.toml", kServicesToml},
          {"supply.toml", kSupplyToml}};
}

void WritePlaceTemplate(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::exists(directory, error)) {
    if (!fs::is_directory(directory, error)) {
      throw IoError(fmt::format("{}: not a directory, expected a new or empty directory for the place", directory));
    }
    if (!fs::is_empty(directory, error)) {
      throw IoError(fmt::format("{}: the directory is not empty, expected a new or empty directory for the place "
                                "(careforce init never overwrites files)",
                                directory));
    }
  }
  fs::create_directories(directory, error);
  if (error) throw IoError(fmt::format("{}: cannot create the directory ({})", directory, error.message()));
  for (const auto& [file, content] : PlaceTemplate()) {
    report::WriteFileAtomically((fs::path(directory) / file).string(), content);
  }
}

}  // namespace careforce::cli
