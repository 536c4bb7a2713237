#include "plan/plan.hpp"

#include "plan/team_plan.hpp"
#include "plan/travel.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "supply/disclosure.hpp"

namespace careforce::plan {

namespace {

double Fte(const SkillMixProblem& problem, double hours) { return hours / problem.hours_per_fte; }

}  // namespace

std::vector<Service> CalibratedServices(const std::vector<Service>& services, const std::vector<double>& factors) {
  std::vector<Service> scaled = services;
  for (std::size_t service = 0; service < scaled.size() && service < factors.size(); ++service) {
    scaled[service].share_eligible *= factors[service];
    if (scaled[service].target_share) *scaled[service].target_share *= factors[service];
  }
  return scaled;
}

SkillMixProblem TodaysMixProblem(const SkillMixProblem& problem) {
  // Today's mix as it is: hires without limit, no budget, supervision or conversions; agency
  // cover only for work no role gives today. Its hires are the gap at today's mix.
  SkillMixProblem today = problem;
  today.todays_mix = true;
  today.supervision_ratio = 0.0;
  today.budget.reset();
  today.conversions.clear();
  today.cross_skilling.clear();
  today.allow_delegation = false;
  today.shortfall = Shortfall::kUncoveredOnly;
  for (SkillMixRole& role : today.roles) {
    role.max_hires_fte = kInfinity;
    role.release_limit_hours.clear();
  }
  return today;
}

std::vector<BridgeStep> Bridge(const SkillMixProblem& problem, const SkillMixResult& cheapest, SkillMixResult& todays_mix) {
  const SkillMixProblem today = TodaysMixProblem(problem);
  todays_mix = OptimiseSkillMix(today);
  std::vector<BridgeStep> steps;
  const auto add = [&](const std::string& name, const SkillMixResult& result) {
    BridgeStep step;
    step.name = name;
    step.status = result.status;
    step.hires_fte = result.HiresFte();
    step.change_fte = steps.empty() ? step.hires_fte : step.hires_fte - steps.back().hires_fte;
    if (std::abs(step.change_fte) < 1e-9) step.change_fte = 0.0;  // no "-0.00"
    step.shortfall_fte = Fte(problem, result.shortfall_hours);
    step.cost = result.cost;
    steps.push_back(step);
  };
  add("Gap at today's skill mix", todays_mix);
  // Each lever in turn, with hires unlimited until the last step (as today's mix).
  // Delegation comes with the first step: today's mix already has the delegations the task table
  // allows (the roles giving an act today are those it allows).
  SkillMixProblem step = today;
  step.todays_mix = false;
  step.supervision_ratio = problem.supervision_ratio;
  step.allow_delegation = problem.allow_delegation;
  add("Work moved between the roles the task table allows (own scope and delegation)", OptimiseSkillMix(step));
  step.cross_skilling = problem.cross_skilling;
  add("Cross-skilling staff in post", OptimiseSkillMix(step));
  step.conversions = problem.conversions;
  add("Conversions between roles (apprenticeships)", OptimiseSkillMix(step));
  step.roles = problem.roles;
  for (SkillMixRole& role : step.roles) role.max_hires_fte = kInfinity;
  add("Leavers not replaced, their work given to staff in post or to hires of cheaper roles", OptimiseSkillMix(step));
  add(problem.shortfall == Shortfall::kPriced ? "Hires within the labour market and budget; agency cover for the rest"
                                              : "Hires within the labour market and budget",
      cheapest);
  return steps;
}

PlanResult RunPlan(const Place& place, const PlanInputs& inputs, const PlanOptions& options) {
  PlanResult result;
  result.options = options;
  result.options.cell_progress = nullptr;
  result.options.supply.progress = nullptr;
  // The reference rows each step used: demand with services, supply with its reference, the
  // skill mix's costs with both.
  const auto add_figures = [&](const std::vector<ReferenceFigure>& figures) {
    result.reference_figures.insert(result.reference_figures.end(), figures.begin(), figures.end());
  };
  if (!inputs.services.empty()) add_figures(inputs.demand_reference.figures);
  if (inputs.supply_reference) add_figures(inputs.supply_reference->figures);
  if (inputs.plan_reference) add_figures(inputs.plan_reference->figures);
  result.place = intelligence::SummarisePlace(place);
  result.profile = intelligence::ProfileWorkforce(place);
  result.suppression_threshold = options.suppress ? place.settings.suppression_threshold : 0;
  if (options.suppress) intelligence::ApplySuppression(result.profile);
  const auto step = [&](const std::string& name) {
    if (options.step_progress) options.step_progress(name);
  };
  if (!inputs.services.empty()) {
    // The teams first: where every practice has coordinates, home visits' travel comes from the map.
    result.teams_skipped = WhyNoTeams(place);
    std::optional<TeamDesign> design;
    demand::VisitTravel travel;
    if (result.teams_skipped.empty()) {
      step("designing the neighbourhood teams");
      design = TeamsOfPlace(place);
      if (place.travel.from_map) {
        travel.locality_minutes = MapTravel(place, *design).locality_minutes;
        // The travel settings are the plan's assumptions as much as any reference row.
        const std::string file = "place.toml [travel]";
        const std::string what = "replacing the service model's travel minutes of visits at home "
                                 "(docs/methods.md, \"Travel from the map\")";
        result.reference_figures.push_back(ReferenceFigure{
            file, "road_speed_kmh", fmt::format("{:g}", place.travel.road_speed_kmh),
            "Road speed of a journey to a visit at home, " + what,
            "Department for Transport, Travel time measures for the Strategic Road Network and local 'A' roads: "
            "January to December 2018 (24.9 mph on local 'A' roads; the default)",
            "published"});
        result.reference_figures.push_back(ReferenceFigure{
            file, "detour_factor", fmt::format("{:g}", place.travel.detour_factor),
            "Road distance over straight-line distance from a team's base to its practices' people, " + what,
            "none found for an English place; set [travel] detour_factor", "assumption"});
        result.reference_figures.push_back(ReferenceFigure{
            file, "stop_minutes", fmt::format("{:g}", place.travel.stop_minutes),
            "Minutes of each visit beyond driving (parking, reaching the door), " + what,
            "none found; set [travel] stop_minutes", "assumption"});
      }
    }
    step("projecting demand");
    result.demand = demand::ProjectDemand(place, inputs.services, inputs.demand_reference, inputs.tiers, travel);
    if (options.calibrate_to_staff && inputs.supply_reference) {
      // The service model calibrated to the staff in post: each service's reach scaled so that
      // its roles' staff could give the base year's activity, then the demand projected again.
      step("calibrating the service model to the staff in post");
      supply::SupplyOptions quick = options.supply;
      quick.years = 1;
      quick.expected = true;
      quick.progress = {};
      const supply::SupplyResult base = supply::ProjectSupply(place, inputs.supply_config, *inputs.supply_reference, quick);
      const GapResult before = AnalyseGaps(place, &*result.demand, base, 0.0);
      result.calibration = StaffCalibration(before, inputs.services.size());
      result.calibration_before = before.base_year;
      result.demand = demand::ProjectDemand(place, CalibratedServices(inputs.services, result.calibration),
                                            inputs.demand_reference, inputs.tiers, travel);
    }
    if (options.suppress) {
      demand::SuppressSmallRegisters(*result.demand, place.settings.suppression_threshold);
      demand::SuppressSmallCaseloads(*result.demand, place.settings.suppression_threshold);
    }
    if (design) {
      step("planning the neighbourhood teams");
      result.teams = PlanTeams(place, std::move(*design),
                               result.calibration.empty() ? inputs.services
                                                          : CalibratedServices(inputs.services, result.calibration),
                               inputs.demand_reference, inputs.tiers, &*result.demand);
    }
  }
  if (options.suppress && result.teams && !inputs.supply_reference) {
    SuppressTeams(*result.teams, place.settings.suppression_threshold, HiddenInProfile(place, result.profile));
  }
  if (inputs.supply_reference) {
    supply::SupplyOptions supply_options = options.supply;
    supply_options.years = place.demand.years;
    supply_options.keep_runs = true;
    step("projecting supply");
    result.supply = supply::ProjectSupply(place, inputs.supply_config, *inputs.supply_reference, supply_options);
    if (!supply_options.expected) {
      // One answer: every point figure (the mean of each series, the flows, and through them the
      // gaps, the skill mix and the scenarios) is the exact expected value, as the scenario and
      // policy cells have it; the runs give the spread (percentiles, the chance of a gap).
      supply::SupplyOptions exact_options = supply_options;
      exact_options.expected = true;
      exact_options.keep_runs = false;
      exact_options.progress = {};
      step("projecting supply: exact expected values");
      const supply::SupplyResult exact = supply::ProjectSupply(place, inputs.supply_config, *inputs.supply_reference, exact_options);
      if (exact.series.size() == result.supply->series.size()) {
        for (std::size_t series = 0; series < exact.series.size(); ++series) {
          result.supply->series[series].fte.mean = exact.series[series].fte.mean;
          result.supply->series[series].headcount.mean = exact.series[series].headcount.mean;
        }
        result.supply->flows = exact.flows;
        result.supply->role_flows = exact.role_flows;
        result.supply->means_exact = true;
      }
    }
    if (options.suppress) {
      supply::ApplySuppression(*result.supply, place.settings.suppression_threshold, result.profile);
      if (result.teams) {
        SuppressTeams(*result.teams, place.settings.suppression_threshold, HiddenInSupply(place, *result.supply));
      }
      if (result.demand) {
        result.demand->role_hidden.assign(place.roles.size(), 0);
        for (Index role = 0; role < place.roles.size(); ++role) {
          const supply::SupplySeries* series = result.supply->Find("role", place.roles[role].code);
          result.demand->role_hidden[role] = series && series->suppressed;
        }
      }
    }
    step("analysing the gaps");
    result.gaps = AnalyseGaps(place, result.demand ? &*result.demand : nullptr, *result.supply, options.gap_threshold_fte);
    result.gaps->calibration = result.calibration;
    if (options.suppress) {
      SuppressEstablishment(*result.gaps, place, result.profile, *result.supply, place.settings.suppression_threshold);
    }
  }
  if (result.demand && result.supply && inputs.plan_reference) {
    SkillMixPlan plan;
    SkillMixSettings settings = options.skill_mix;
    if (settings.year == 0) settings.year = result.demand->last_year;
    plan.year = settings.year;
    plan.percentile = settings.percentile;
    step(fmt::format("optimising the skill mix of {}", plan.year));
    plan.problem = BuildSkillMixProblem(place, CalibratedServices(inputs.services, result.calibration), *result.demand, *result.supply, *inputs.plan_reference,
                                        settings);
    plan.problem.name_conflicts = options.name_conflicts;
    if (options.suppress) {
      // A role's work outside the modelled services is its establishment less what they need.
      for (SkillMixRole& role : plan.problem.roles) {
        role.establishment_hidden = std::any_of(result.gaps->rows.begin(), result.gaps->rows.end(), [&](const GapRow& row) {
          return row.locality == kNoIndex && result.gaps->role_codes[row.role] == role.code && row.establishment_hidden;
        });
      }
    }
    plan.result = OptimiseSkillMix(plan.problem);
    if (options.bridge) {
      step("the bridge from today's skill mix to the cheapest");
      plan.bridge = Bridge(plan.problem, plan.result, plan.todays_mix);
    } else if (options.todays_mix) {
      plan.todays_mix = OptimiseSkillMix(TodaysMixProblem(plan.problem));
    }
    for (const auto& [competence, course] : inputs.plan_reference->training) plan.training_hours[competence] = course.hours;
    for (const Competence& competence : place.competences) plan.competence_names[competence.code] = competence.name;
    if (!options.write_mps.empty()) WriteMps(plan.result.program, options.write_mps);
    if (result.teams) {
      GiveTeamsTheCheapestMix(*result.teams, plan.problem, plan.result, plan.year);
      // As the skill mix's tables hide them: every figure of a role whose staff the place hides
      // (the demand's role_hidden, set from the supply's suppression above; by place role).
      if (options.suppress) result.teams->cheapest_mix_hidden = result.demand->role_hidden;
    }
    result.skill_mix = std::move(plan);
    if (options.skill_mix_path != PlanOptions::Path::kNever) step(ChooseSkillMixPath(place, result, options).text);
    SolveSkillMixPath(place, inputs, options, result);
  }
  if (options.training) PlanTrainingStep(place, inputs, options, result);
  return result;
}

void PlanTrainingStep(const Place& place, const PlanInputs& inputs, const PlanOptions& options, PlanResult& result) {
  if (!inputs.training_reference || !inputs.plan_reference) {
    result.training_skipped = "no course catalogue or cost reference was read";
    return;
  }
  if (place.staff.empty()) {
    result.training_skipped = "the place has no staff";
    return;
  }
  if (options.step_progress) options.step_progress("scheduling training");
  result.training = PlanTraining(place, *inputs.training_reference, *inputs.plan_reference,
                                 result.skill_mix ? &*result.skill_mix : nullptr);
  result.reference_figures.insert(result.reference_figures.end(), inputs.training_reference->figures.begin(),
                                  inputs.training_reference->figures.end());
  const TrainingSettings& settings = place.training;
  result.reference_figures.push_back(ReferenceFigure{
      "place.toml [training]", "away_share", fmt::format("{}", settings.away_share),
      "Largest share of a team's or organisation's available hours away on training in a quarter",
      "Assumption: no national standard found; above the 2-3% of hours rosters commonly set aside for study leave, so "
      "that catching up is possible; a team may always release one learner at a time. Set [training] away_share",
      "assumption"});
  result.reference_figures.push_back(ReferenceFigure{
      "place.toml [training]", "employer_capacity_staff", fmt::format("{}", settings.employer_capacity_staff),
      "People in post a course each employer runs serves at its catalogue runs_per_year (a larger employer runs as "
      "many times that for each further block of staff or part; 0: every employer the same)",
      "Assumption: no national figure found; 500 people, for whom the shipped weekly moving and handling cohort of 12 "
      "gives 624 places a year, an annual refresher for all. Set [training] employer_capacity_staff",
      "assumption"});
  result.reference_figures.push_back(ReferenceFigure{
      "place.toml [training]", "years", fmt::format("{}", settings.years), "Years the training schedule covers",
      "Assumption: three years, the span of an organisation's training plan; set [training] years", "assumption"});
  result.reference_figures.push_back(ReferenceFigure{
      "place.toml [training]", "catch_up_months", fmt::format("{}", settings.catch_up_months),
      "Months within which role profile gaps and lapsed refreshers are closed",
      "Assumption: the Care Certificate's 2014 pilot took 12 weeks for a full-time worker (Skills for Care); a year "
      "leaves room for part-time staff and waiting for a cohort. Set [training] catch_up_months",
      "assumption"});
}

PathChoice ChooseSkillMixPath(const Place& place, const PlanResult& result, const PlanOptions& options) {
  PathChoice choice;
  if (!result.skill_mix || !result.demand || options.skill_mix_path == PlanOptions::Path::kNever) return choice;
  const SkillMixPlan& plan = *result.skill_mix;
  const int years_ahead = plan.year - result.demand->base_year;
  choice.estimate = EstimatePathSize(plan.problem, plan.result.program, years_ahead);
  const ProgrammeSize& most = options.path_auto_size;
  const bool small = choice.estimate.variables <= most.variables && choice.estimate.constraints <= most.constraints;
  choice.solve = options.skill_mix_path == PlanOptions::Path::kAlways || small;
  const std::string size = fmt::format("about {} variables and {} constraints", choice.estimate.variables,
                                       choice.estimate.constraints);
  if (choice.solve) {
    choice.text = fmt::format("the skill mix year by year: one programme of {} ({})", size,
                              small ? fmt::format("at most {} and {} are solved", most.variables, most.constraints)
                                    : std::string("--skill-mix-path always"));
  } else {
    choice.text = fmt::format("the skill mix year by year: not solved, {} is more than the {} and {} solved without "
                              "being asked",
                              size, most.variables, most.constraints);
    choice.skipped = fmt::format(
        "its programme would have {} ({} localities × {} years), more than the {} variables and {} constraints solved "
        "without being asked (it would take a minute or more); --skill-mix-path always solves it",
        size, place.localities.size(), years_ahead, most.variables, most.constraints);
  }
  return choice;
}

CellChoice ChooseCellMethod(const PlanResult& record, const PlanOptions& options,
                            std::size_t cells) {
  CellChoice choice;
  if (!record.skill_mix) return choice;
  const LinearProgram& program = record.skill_mix->result.program;
  choice.estimate = ProgrammeSize{program.variables().size(), program.constraints().size()};
  const ProgrammeSize& most = options.cell_auto_size;
  choice.full = choice.estimate.variables <= most.variables &&
                choice.estimate.constraints <= most.constraints;
  const std::string size =
      fmt::format("{} cell{} of about {} variables and {} constraints each", cells,
                  cells == 1 ? "" : "s", choice.estimate.variables, choice.estimate.constraints);
  choice.text =
      choice.full
          ? fmt::format(
                "scenario and policy cells: {}, each with today's mix and, when no mix is "
                "feasible, the limits that stop it (at most {} and {} are solved so)",
                size, most.variables, most.constraints)
          : fmt::format(
                "scenario and policy cells: {}, the cheapest mix only, more than the {} and {} "
                "for which today's mix and the limits of an infeasible mix are solved too",
                size, most.variables, most.constraints);
  return choice;
}

void SolveSkillMixPath(const Place& place, const PlanInputs& inputs, const PlanOptions& options, PlanResult& result) {
  if (!result.skill_mix || !result.demand || !result.supply || !inputs.plan_reference) return;
  SkillMixPlan& plan = *result.skill_mix;
  const PathChoice choice = ChooseSkillMixPath(place, result, options);
  plan.path_estimate = choice.estimate;
  plan.path_choice = choice.text;
  plan.path_skipped = choice.skipped;
  if (!choice.solve) return;
  std::vector<std::pair<int, SkillMixProblem>> years;
  const std::vector<Service> services = CalibratedServices(inputs.services, result.calibration);
  for (int year = result.demand->base_year + 1; year <= plan.year; ++year) {
    SkillMixSettings yearly = options.skill_mix;
    yearly.year = year;
    yearly.path_year = true;  // hire limits a year's; conversions timed by the path
    years.emplace_back(year, BuildSkillMixProblem(place, services, *result.demand, *result.supply,
                                                  *inputs.plan_reference, yearly));
  }
  plan.path = OptimiseSkillMixPath(years);
  for (const SkillMixRole& role : plan.problem.roles) plan.path_roles.push_back(role.code);
}

}  // namespace careforce::plan
