#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/diagnostic.hpp"
#include "model/enums.hpp"
#include "model/string_table.hpp"

namespace careforce {

// Position of an entity in its Place vector.
using Index = uint32_t;
inline constexpr Index kNoIndex = std::numeric_limits<Index>::max();

// Upper end of an open age band such as "90+".
inline constexpr int kOpenAgeBand = 255;

struct Locality {
  std::string code;  // ONS-style area code
  std::string name;
};

struct Organisation {
  std::string code;  // ODS-style code
  std::string name;
  Sector sector = Sector::kIndependent;
  Index locality = kNoIndex;
  // Its site (organisations.csv `latitude`, `longitude`), optional: both or neither.
  std::optional<double> latitude = std::nullopt;
  std::optional<double> longitude = std::nullopt;
};

struct Role {
  std::string code;
  std::string name;
  StaffGroup staff_group = StaffGroup::kSupportCare;
  bool registered = false;  // a regulated profession
  PayBasis pay_basis = PayBasis::kAnnualSalary;
  std::string afc_band;          // Agenda for Change band when pay_basis is kAfcBand
  double hourly_rate = 0.0;      // GBP per hour when pay_basis is kHourlyRate
  double annual_salary = 0.0;    // GBP per year (full time) when pay_basis is kAnnualSalary
  std::string pay_comparator;    // roles sharing a comparator do comparable work across sectors
  std::string reference_role;    // the shipped role code reference tables know it by; empty: its own code
};

struct Competence {
  std::string code;
  std::string name;
  std::string framework;
  std::string reference_competence;  // the shipped competence code; empty: its own code
};

// The code a role or competence is looked up by in the reference tables (reference/): its
// reference_role or reference_competence, else its own code. A code the reference tables do not
// hold finds no row, so the tables' defaults apply (docs/methods.md, "Reference codes").
inline const std::string& ReferenceCode(const Role& role) {
  return role.reference_role.empty() ? role.code : role.reference_role;
}
inline const std::string& ReferenceCode(const Competence& competence) {
  return competence.reference_competence.empty() ? competence.code : competence.reference_competence;
}

// A competence a role holds by default (its role profile).
struct RoleCompetence {
  Index role = kNoIndex;
  Index competence = kNoIndex;
};

// One person in one post. A person may hold several posts.
struct StaffPost {
  Index person = kNoIndex;  // into Place::person_ids
  Index organisation = kNoIndex;
  Index role = kNoIndex;
  double fte = 0.0;
  int age = 0;
  Sex sex = Sex::kUnknown;
  Date start_date;
  double annual_pay = 0.0;  // actual gross pay for the post at its FTE, GBP per year
  ContractType contract = ContractType::kPermanent;
  Index locality = kNoIndex;  // where the post works (defaults to the organisation's)
  Index team = kNoIndex;      // into Place::teams, or kNoIndex
};

struct StaffCompetence {
  Index person = kNoIndex;
  Index competence = kNoIndex;
  Date achieved;
};

struct Vacancy {
  std::string id;  // optional reference
  Index organisation = kNoIndex;
  Index role = kNoIndex;
  double fte = 0.0;
  Date opened;
  Index locality = kNoIndex;
};

// Where a leaver went, when recorded.
struct Destination {
  enum class Kind : uint8_t { kNotRecorded, kOutside, kSector };
  Kind kind = Kind::kNotRecorded;
  Sector sector = Sector::kIndependent;  // meaningful when kind is kSector
};

struct Leaver {
  std::string person_id;
  Index organisation = kNoIndex;
  Index role = kNoIndex;
  double fte = 0.0;
  int age = 0;  // age at leaving
  Sex sex = Sex::kUnknown;
  Date start_date;
  Date leave_date;
  LeaveReason reason = LeaveReason::kOther;
  Destination destination;
};

struct GpPractice {
  std::string code;
  std::string name;
  Index locality = kNoIndex;
  int64_t list_size = 0;
  std::string postcode;
  std::string pcn;  // primary care network code, optional
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string team;  // the place's own neighbourhood team, optional (gp_practices.csv `team`)
};

// Patients on one disease register of a GP practice (the Quality and Outcomes Framework
// registers): `count` of the `list_size` patients aged `list_min_age` and over.
struct PracticeRegister {
  Index practice = kNoIndex;  // into Place::gp_practices
  std::string register_code;  // QOF group code: "DEM", "COPD", ...
  int64_t count = 0;
  int64_t list_size = 0;
  int list_min_age = 0;
};

// Patients registered with a GP practice, or with the practices of a primary care network, of one
// sex and age band (inclusive; age_to kOpenAgeBand for "95+").
struct RegisteredList {
  Index practice = kNoIndex;  // into Place::gp_practices; kNoIndex for a network's row
  std::string pcn;            // the network's code (GpPractice::pcn) for a network's row
  Sex sex = Sex::kFemale;
  int age_from = 0;
  int age_to = 0;
  int64_t patients = 0;
};

// People in an area, year, age band (inclusive; age_to kOpenAgeBand for "90+") and sex.
struct PopulationCell {
  Index locality = kNoIndex;
  int year = 0;
  int age_from = 0;
  int age_to = 0;
  Sex sex = Sex::kFemale;
  double count = 0.0;
};

struct PlaceSettings {
  // Normal pension age used for the retirement horizon (State Pension age reaches 67 in 2026-28).
  int retirement_age = 67;
  // Counts from 1 to threshold-1 are suppressed in outputs shared beyond one organisation.
  int suppression_threshold = 5;
  // Contracted hours of a full-time post, used to turn hourly rates into annual pay.
  double full_time_hours_per_week = 37.5;
};

// How a place's GP practices are grouped into integrated neighbourhood teams ([teams] in
// place.toml; docs/methods.md, "Neighbourhood teams").
struct TeamSettings {
  // Registered people a team serves. The lower bound is the NHS Long Term Plan's (2019, para 1.10:
  // practices "typically covering 30-50,000 people"); the upper bound, 70,000, is an assumption
  // from places' own teams (Leeds: 12 teams of about 60,000). Set both in place.toml [teams].
  int64_t min_population = 30000;
  int64_t max_population = 70000;
  bool keep_networks = true;    // the practices of a primary care network in one team
  bool within_locality = true;  // a team inside one locality
  // Largest programme (assignment variables: practices or networks x candidate bases) solved
  // exactly by CBC in one piece; past it, the heuristic (cut in parts this small, each exact).
  // 2,000 solves a part in about 0.1 s; parts of 400 made worse teams, and more slowly in all,
  // and cut localities of 50 practices so finely that one found no teams (docs/performance.md).
  std::size_t exact_variables = 2000;
  // Use the teams of gp_practices.csv `team` (checked and costed) rather than designing them;
  // true by default when every practice gives one.
  bool use_given = true;
};

// Travel to visits at home from the map ([travel] in place.toml; docs/methods.md, "Travel from
// the map"): where every GP practice has coordinates, a home visit's travel minutes come from its
// team's geography instead of the service model's fixed minutes.
struct TravelSettings {
  bool from_map = true;
  // Average speed on local 'A' roads in England, 24.9 mph (40.1 km/h): Department for Transport,
  // "Travel time measures for the Strategic Road Network and local 'A' roads: January to December
  // 2018". Set road_speed_kmh in place.toml [travel] for a place's own (for example a rural one).
  double road_speed_kmh = 40.1;
  // Road distance over straight-line distance. An assumption: 1.4 is within the range studies of
  // driving against straight-line distance report (for example Boscoe, Henry and Zdeb 2012, Prof
  // Geogr 64(2)), not measured for any English place. Set detour_factor in place.toml [travel].
  double detour_factor = 1.4;
  // Minutes at each visit beyond driving: parking and reaching the door. An assumption (no
  // published figure found); set stop_minutes in place.toml [travel].
  double stop_minutes = 5.0;
};

// The training plan ([training] in place.toml; docs/methods.md, "Training plan").
struct TrainingSettings {
  // The place's own course catalogue (docs/formats.md, "courses.csv"); empty: the shipped one,
  // reference/training/courses.csv.
  std::string courses_file;
  // Years the schedule covers after the census date, by quarter. An assumption: three years, the
  // span of an organisation's training plan and of most courses' refresher intervals; needs due
  // later are listed, not scheduled.
  int years = 3;
  // Largest share of a team's (or, without teams, an organisation's) available hours away on
  // training in a quarter, for service continuity. An assumption (no national standard found):
  // above the 2-3% of hours rosters commonly set aside for study leave, so that catching up is
  // possible; a team may always release one learner at a time.
  double away_share = 0.1;
  // Cohorts of a provider's course take learners from every employer ("one workforce"); false:
  // each employer's learners in cohorts of their own.
  bool joint = true;
  // A course each employer runs (provider "employer") runs its catalogue's runs_per_year at an
  // employer of up to this many people in post, and as many times that for each further such
  // block (or part): a trust of 2,400 staff runs five times a care home's cohorts, its trainers
  // being in proportion to its staff. An assumption (no national figure found): 500 people, for
  // whom the shipped weekly moving and handling cohort of 12 gives 624 places a year, an annual
  // refresher for all. 0: every employer runs the catalogue's figure whatever its size.
  int employer_capacity_staff = 500;
  // Role profile gaps and lapsed refreshers are due within this many months of the census date.
  // An assumption; the Care Certificate's 2014 pilot took 12 weeks for a full-time worker
  // (Skills for Care), so a year leaves room for part-time staff and waiting for a cohort.
  int catch_up_months = 12;
  // Time away backfilled at the bank rate (the role's own staff cost an hour) or the agency rate
  // (plus the plan's agency premium).
  bool backfill_agency = false;
  // How close to the best schedule CBC must come before it stops: within this share of the
  // schedule's cost plus this share of its unmet learners (at least one) of the bound it has
  // proved (an assumption: 1%), or after this many branch-and-bound nodes (a deterministic limit:
  // the same place gives the same schedule on any machine; a time limit of two minutes is a safety
  // net only). The report states how many more learners a better schedule could at most place.
  double solve_gap = 0.01;
  int solve_nodes = 2000;
};

// How demand is projected for a place ([demand] in place.toml).
struct DemandSettings {
  int years = 10;  // projected after the base year
  // Hours a full-time post is available a year (WISN available working time: 261 days less
  // 8 public holidays, 27 days annual leave, 9 days sickness and 5 other leave, times 7.5 hours).
  double available_hours_per_fte = 1590.0;
  // Share of available hours spent with or travelling to the people served.
  double direct_care_share = 0.7;
  // Change in prevalence, per year, by need code (0.01 = 1% a year, compounded), with where
  // each was given (need codes are checked against the reference tables when demand is run).
  struct PrevalenceChange {
    std::string need;
    double per_year = 0.0;
    Location where;
  };
  std::vector<PrevalenceChange> prevalence_change_per_year;
  // Growth of every need beyond population and prevalence, a year, compounded (scenarios).
  double growth_per_year = 0.0;
  std::string services_file = "services.toml";
  // A person-level register and the risk model that sorts it into tiers; services whose cohort
  // is "tier:<name>" are sized from the tier counts by locality.
  std::string register_file;
  std::string risk_model_file;
  // Spread each need over localities by its practices' recorded prevalence (practice registers
  // mapped to needs in reference/demand/register_calibration.csv), keeping the place's total.
  bool calibrate_to_registers = true;
};

// One input file of a place, for provenance and change detection.
struct SourceFile {
  std::string table;   // "staff"
  std::string path;    // as read
  std::string layout;  // "careforce" or a published layout
  std::string sha256;  // of the raw bytes
  int64_t bytes = 0;
  int64_t records = 0;
};

// Everything careforce knows about a place, parsed and cross-checked.
struct Place {
  std::string name;
  std::string description;
  int base_year = 0;
  Date census_date;  // the date the staff snapshot describes
  PlaceSettings settings;
  DemandSettings demand;
  TeamSettings team_settings;
  TravelSettings travel;
  TrainingSettings training;

  std::vector<Locality> localities;
  std::vector<Organisation> organisations;
  std::vector<Role> roles;
  std::vector<Competence> competences;
  std::vector<RoleCompetence> role_competences;
  StringTable person_ids;
  StringTable teams;
  std::vector<StaffPost> staff;
  std::vector<StaffCompetence> staff_competences;
  std::vector<Vacancy> vacancies;
  std::vector<Leaver> leavers;
  // Whether the place has a leavers table (leavers.csv): when it does, its rows are every leaver
  // (none is evidence of no leaving); when it does not, nothing is known of leaving and the
  // supply projection uses the reference rates alone.
  bool leavers_recorded = true;
  std::vector<GpPractice> gp_practices;
  std::vector<PracticeRegister> practice_registers;
  std::vector<RegisteredList> registered_lists;
  std::vector<PopulationCell> population;

  std::vector<SourceFile> sources;
};

}  // namespace careforce
