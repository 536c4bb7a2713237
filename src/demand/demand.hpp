#pragma once

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/place.hpp"
#include "model/reference_figure.hpp"
#include "model/service.hpp"

namespace careforce::demand {

// A prevalence rate for an age band and sex (reference/demand/prevalence.csv).
struct PrevalenceRate {
  int age_from = 0;
  int age_to = 0;
  Sex sex = Sex::kFemale;
  double rate = 0.0;
};

struct NeedDefinition {
  std::string code;
  std::string name;
  std::vector<PrevalenceRate> rates;
  // The rate for one age and sex (0 outside every band).
  double RateAt(int age, Sex sex) const;
};

// Annual growth of residents of an age band and sex (reference/demand/population_growth.csv).
struct GrowthRate {
  int age_from = 0;
  int age_to = 0;
  Sex sex = Sex::kFemale;
  double per_year = 0.0;
};

// A need whose local spread is calibrated to practice disease registers
// (reference/demand/register_calibration.csv).
struct RegisterLink {
  std::string need;
  std::string register_code;  // QOF group code
};

struct DemandReference {
  std::vector<NeedDefinition> needs;
  std::vector<GrowthRate> growth;
  std::vector<RegisterLink> register_links;
  std::vector<ReferenceFigure> figures;  // every sourced row read, in file order
  std::vector<std::string_view> NeedCodes() const;
};

// Reads reference/demand (needs, prevalence, population growth); throws InputError.
DemandReference LoadDemandReference(const std::string& reference_directory);

// Reports what stops the demand of a place's services being projected: a prevalence change of
// place.toml for a need the reference tables do not have, no population counts for the base
// year (ProjectDemand throws InputError with these; the plan's inputs are checked by them first).
void CheckDemandInputs(const Place& place, const DemandReference& reference, Diagnostics& diagnostics);

// The place's population for every year from `first_year` to `last_year`: the place's own counts
// where it has them for a year, otherwise the latest earlier year grown at the reference rates.
// Sets `grown_years` to the years that were grown. Throws InputError without counts for `first_year`.
std::vector<PopulationCell> ProjectPopulation(const Place& place, const DemandReference& reference, int first_year,
                                              int last_year, std::vector<int>* grown_years = nullptr);

// People in each risk tier by locality of the place in the base year (from a stratified
// register); later years follow the locality's residents aged 65 and over.
struct TierCohorts {
  std::vector<std::string> names;
  std::vector<std::vector<double>> people;  // [locality][tier]
  // The same people by GP practice code (the register's practice column), for team demand.
  std::map<std::string, std::vector<double>> by_practice;
};

// Travel minutes of a visit at home by locality, from the map (plan::MapTravel; docs/methods.md,
// "Travel from the map"); none given: every intervention's own travel_minutes_per_visit.
struct VisitTravel {
  std::vector<double> locality_minutes;  // per locality; NaN: the service model's there
  // The minutes of one visit of `intervention` of `service` in `locality`.
  double Minutes(const Service& service, const Intervention& intervention, Index locality) const {
    if (locality < locality_minutes.size() && !std::isnan(locality_minutes[locality]) &&
        TravelsToHome(service, intervention)) {
      return locality_minutes[locality];
    }
    return intervention.travel_minutes_per_visit;
  }
  bool FromMap() const { return !locality_minutes.empty(); }
};

// Everything demand says, by year (base year to base + years) and locality.
struct DemandResult {
  int base_year = 0;
  int last_year = 0;
  std::vector<int> grown_years;  // years whose population was grown from an earlier year
  std::vector<std::string> need_codes;  // needs, then "tier:<name>" for each risk tier
  std::vector<std::string> need_names;
  std::vector<std::string> service_codes;
  std::vector<std::string> service_names;
  // Names of the place's localities, roles and competences (indexes below point into these).
  std::vector<std::string> locality_names;
  std::vector<std::string> role_codes;
  std::vector<std::string> role_names;
  std::vector<std::string> competence_codes;
  std::vector<std::string> competence_names;
  std::vector<double> fte_in_post;  // per role, today
  VisitTravel travel;  // the travel minutes used (the skill mix's visits use the same)

  struct NeedCount {
    int year;
    Index locality;
    std::size_t need;
    double people;
  };
  std::vector<NeedCount> people_in_need;

  struct ServiceActivity {
    int year;
    Index locality;
    std::size_t service;
    double people_reached;
    double contacts;
    double contact_hours;
    double travel_hours;
  };
  std::vector<ServiceActivity> activity;

  struct CompetenceHours {
    int year;
    Index locality;
    Index competence;
    double hours;  // contact hours needing the competence (an hour needing two counts for each)
  };
  std::vector<CompetenceHours> competence_hours;

  struct RoleDemand {
    int year;
    Index locality;
    Index role;
    double hours;  // contact and travel hours
    double fte;
  };
  std::vector<RoleDemand> role_demand;

  // Roles whose staff numbers are hidden in shared outputs (set by the plan from the supply's
  // suppression): their FTE in post is hidden too.
  std::vector<char> role_hidden;

  // The base year's FTE of each role each service needs at today's mix (place totals).
  struct ServiceRole {
    std::size_t service;
    Index role;
    double fte;
  };
  std::vector<ServiceRole> base_service_roles;

  // Interventions no role of the place can deliver (no role holds every competence needed).
  struct Unassigned {
    std::size_t service;
    std::string intervention;
    std::string competences;
  };
  std::vector<Unassigned> unassigned;
  std::vector<double> unassigned_hours;  // per year, from the base year

  // What drives the change in staff hours from the base year to the last year.
  struct Step {
    std::string name;
    double hours;
    double fte;
  };
  std::vector<Step> waterfall;  // "Base year", contributions..., "Last year"

  double hours_per_fte = 0.0;  // direct-care hours a full-time post gives a year
  // Working hours a full-time post gives a year (after leave, sickness and training): the hours
  // it staffs a rostered seat (docs/methods.md, "Opening hours and seats").
  double available_hours_per_fte = 0.0;

  // A service's opening hours against its activity, each year: the FTE its seats need and the
  // FTE its activity needs of the roles staffing them; the larger is required.
  struct ServiceCover {
    int year;
    std::size_t service;
    Index locality;  // kNoIndex: the seats serve the whole place
    double hours_open;  // a year
    int seats;
    double fte_activity;  // of the roles staffing the seats, at today's mix (with any caseload's floor)
    double fte_hours;     // seats x hours open / available hours per FTE
    double required_fte;  // the larger
  };
  std::vector<ServiceCover> service_cover;

  // A caseload-driven service's caseload and the workers it needs, each year, by locality and
  // for the place (locality kNoIndex, the sum of its localities).
  struct Caseload {
    int year;
    std::size_t service;
    Index locality;
    Index role;
    double new_cases;          // people reached a year, in the tiers on the caseload
    double on_caseload;        // at any time: new cases x mean weeks / 52
    double standard_caseload;  // people on one worker's caseload
    double cover;              // (float_per + 1) / float_per; 1 without floating cover
    double workers;            // on caseload / standard caseload x cover (FTE)
    double fte_activity;       // the role's FTE for the service at today's mix
    double required_fte;       // the larger
    double per_worker;         // on caseload / (required FTE / cover): per caseload-holding worker
    bool suppressed = false;   // a small count of people hidden in shared outputs
  };
  std::vector<Caseload> caseloads;

  // Hours a binding floor (opening hours or a caseload) adds to a service's interventions, as
  // more visits of them: in proportion to the hours the floor's roles give each, and divided
  // between those roles as today (required FTE, gaps and the skill mix count them).
  enum class Floor : uint8_t { kOpening, kCaseload };
  struct CoverHours {
    int year;
    Index locality;
    std::size_t service;
    std::size_t tier;
    std::size_t intervention;
    Floor floor;
    double hours;                                 // contact and travel hours
    std::vector<std::pair<Index, double>> roles;  // today's split of them between roles
  };
  std::vector<CoverHours> cover_hours;

  // Recorded (practice registers) against expected (prevalence by age and sex) for each need
  // linked to a register the place gives, and the locality factors that follow (docs/methods.md,
  // "Calibration to practice registers").
  struct RegisterCalibration {
    std::size_t need = 0;
    std::string register_code;
    bool applied = false;  // false when [demand] calibrate_to_registers = false
    struct Area {
      Index locality;
      int64_t recorded;
      int64_t list_size;
      double expected;  // on the lists of the locality's practices
      double factor;    // applied to the locality's people in need, every year
    };
    std::vector<Area> localities;  // localities with at least one practice register
    struct Practice {
      std::string code;
      std::string name;
      Index locality;
      int64_t recorded;
      int64_t list_size;
      double expected;
      bool suppressed = false;  // small register hidden in shared outputs
    };
    std::vector<Practice> practices;
  };
  std::vector<RegisterCalibration> calibration;
};

// Competences each role holds by its profile, and FTE in post by role.
std::vector<std::set<Index>> RoleHoldings(const Place& place);
std::vector<double> FteInPost(const Place& place);

// How an intervention's hours divide between roles today: its given role mix, or the roles
// holding every competence it needs whom the task table allows to give its act, in proportion to their FTE in
// post (equally when none is in post); empty when no role can give it.
std::vector<std::pair<Index, double>> SplitAtTodaysMix(const Intervention& intervention,
                                                       const std::vector<std::set<Index>>& role_holds,
                                                       const std::vector<double>& fte_in_post);

// FTE a rostered floor needs: seats x hours open a year / available hours per FTE (a 24-hour,
// 7-day seat is 8,736 hours, 5.49 FTE at 1,590 hours).
double RosteredFte(double hours_open_a_year, int seats, double available_hours_per_fte);
// People on a caseload at any time: new cases a year x mean weeks on the caseload / 52.
double OnCaseload(double new_cases_a_year, double mean_weeks);
// Floating cover: one floating worker for every `float_per` caseload holders, (n + 1) / n; 1 for 0.
double FloatCover(int float_per);
// Workers a caseload needs (FTE): on caseload / standard caseload x floating cover.
double CaseloadWorkers(double on_caseload, double standard_caseload, int float_per);
// The caseload of each caseload-holding worker when `workers` (with floating cover) hold it.
double CaseloadPerWorker(double on_caseload, double workers, int float_per);

// Projects the demand of a place's services (Six Steps: map service change, define the required
// workforce). Services must have been read against the place (io::ReadServices).
DemandResult ProjectDemand(const Place& place, const std::vector<Service>& services,
                           const DemandReference& reference, const TierCohorts& tiers = {},
                           const VisitTravel& travel = {});

// Hides small practice registers in outputs shared beyond one organisation: a register of 1 to
// threshold-1 patients, and where a locality then has exactly one hidden practice, the next
// smallest of that locality too, so that it cannot be recovered from the locality's total.
void SuppressSmallRegisters(DemandResult& demand, int threshold);

// Hides small caseloads in outputs shared beyond one organisation: a locality's caseload row
// whose new cases or people on the caseload round to 1 to threshold-1, and where a service's year
// then has exactly one hidden, the next smallest of its localities too, so that it cannot be
// recovered from the place's row.
void SuppressSmallCaseloads(DemandResult& demand, int threshold);

// The caseload rule of outputs shared beyond one organisation, for the place's caseloads
// (SuppressSmallCaseloads) and its neighbourhood teams' (plan::SuppressTeams): a row is hidden when
// a count of people it gives (`people`: on the caseload, new cases) rounds to 1 to threshold-1;
// then, within each `group` of rows that add up to a figure a reader knows, while a group has
// exactly one hidden, its smallest other non-zero row by `size` too (intelligence::SuppressSecondary).
// Returns whether each row is hidden.
struct CaseloadCell {
  std::vector<double> people;
  double size = 0.0;
  std::size_t group = 0;
};
std::vector<bool> HideSmallCaseloads(const std::vector<CaseloadCell>& rows, int threshold);

}  // namespace careforce::demand
