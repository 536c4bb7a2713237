#include "report/profile_tables.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/format.hpp"

namespace careforce::report {

namespace {

using intelligence::GroupFigures;
using intelligence::TurnoverFigures;
using intelligence::VacancyFigures;
using intelligence::WorkforceProfile;

ReportTable GroupTable(std::string key, std::string title, std::string code_header, std::string label_header,
                       const std::vector<GroupFigures>& groups) {
  ReportTable table(std::move(key), std::move(title),
                    {{"code", std::move(code_header), CellKind::kText, false},
                     {"name", std::move(label_header), CellKind::kText},
                     {"headcount", "Headcount", CellKind::kCount},
                     {"posts", "Posts", CellKind::kCount},
                     {"fte", "FTE", CellKind::kFte}});
  for (const GroupFigures& group : groups) {
    table.Row()
        .Text(group.code)
        .Text(group.label)
        .Number(static_cast<double>(group.headcount), group.suppressed)
        .Number(static_cast<double>(group.posts), group.suppressed)
        .Number(group.fte, group.suppressed);
  }
  return table;
}

ReportTable RetirementTable(std::string key, std::string title, int retirement_age,
                            const std::vector<intelligence::RetirementFigures>& rows) {
  ReportTable table(std::move(key), std::move(title),
                    {{"code", "Code", CellKind::kText, false},
                     {"name", "Group", CellKind::kText},
                     {"headcount", "Headcount", CellKind::kCount},
                     {"mean_age", "Mean age", CellKind::kNumber},
                     {"within_5_years", fmt::format("Aged {}+", retirement_age - 5), CellKind::kCount},
                     {"share_within_5_years", "Share within 5 years of retirement", CellKind::kShare},
                     {"within_10_years", fmt::format("Aged {}+", retirement_age - 10), CellKind::kCount},
                     {"share_within_10_years", "Share within 10 years of retirement", CellKind::kShare}});
  for (const auto& row : rows) {
    table.Row()
        .Text(row.code)
        .Text(row.label)
        .Number(static_cast<double>(row.headcount), row.suppressed)
        .Number(row.mean_age, row.suppressed)
        .Number(static_cast<double>(row.within_5_years), row.suppressed)
        .Number(row.share_within_5_years, row.suppressed)
        .Number(static_cast<double>(row.within_10_years), row.suppressed)
        .Number(row.share_within_10_years, row.suppressed);
  }
  return table;
}

ReportTable TurnoverTable(std::string key, std::string title, const std::vector<TurnoverFigures>& rows,
                          const TurnoverFigures& total) {
  ReportTable table(std::move(key), std::move(title),
                    {{"code", "Code", CellKind::kText, false},
                     {"name", "Group", CellKind::kText},
                     {"staff_at_start", "Posts 12 months ago", CellKind::kCount},
                     {"staff_at_end", "Posts now", CellKind::kCount},
                     {"leavers", "Leavers", CellKind::kCount},
                     {"leaver_rate", "Leaver rate (posts)", CellKind::kShare},
                     {"leaver_rate_fte", "Leaver rate (FTE)", CellKind::kShare},
                     {"stability_index", "Stability index", CellKind::kShare}});
  const auto add = [&](const TurnoverFigures& row) {
    table.Row()
        .Text(row.code)
        .Text(row.label)
        .Number(static_cast<double>(row.staff_at_start), row.suppressed)
        .Number(static_cast<double>(row.staff_at_end), row.suppressed)
        .Number(static_cast<double>(row.leavers), row.leavers_suppressed)
        .Number(row.leaver_rate, row.leavers_suppressed)
        .Number(row.leaver_rate_fte, row.leavers_suppressed)
        .Number(row.stability_index, row.stability_suppressed);
  };
  for (const auto& row : rows) add(row);
  add(total);
  return table;
}

ReportTable VacancyTable(std::string key, std::string title, const std::vector<VacancyFigures>& rows,
                         const VacancyFigures& total) {
  ReportTable table(std::move(key), std::move(title),
                    {{"code", "Code", CellKind::kText, false},
                     {"name", "Group", CellKind::kText},
                     {"vacancies", "Vacancies", CellKind::kCount},
                     {"vacant_fte", "Vacant FTE", CellKind::kFte},
                     {"in_post_fte", "In-post FTE", CellKind::kFte},
                     {"vacancy_rate", "Vacancy rate", CellKind::kShare},
                     {"open_over_12_months", "Open over 12 months", CellKind::kCount}});
  const auto add = [&](const VacancyFigures& row) {
    table.Row()
        .Text(row.code)
        .Text(row.label)
        .Number(static_cast<double>(row.vacancies), row.suppressed)
        .Number(row.vacant_fte, row.suppressed)
        .Number(row.in_post_fte, row.in_post_suppressed)
        .Number(row.vacancy_rate, row.suppressed)
        .Number(static_cast<double>(row.open_over_12_months), row.open_suppressed);
  };
  for (const auto& row : rows) add(row);
  add(total);
  return table;
}

}  // namespace

std::vector<ReportTable> ProfileTables(const WorkforceProfile& profile) {
  std::vector<ReportTable> tables;
  tables.push_back(GroupTable("workforce_by_sector", "Workforce by sector", "Code", "Sector", profile.by_sector));
  tables.push_back(GroupTable("workforce_by_staff_group", "Workforce by staff group", "Code", "Staff group",
                              profile.by_staff_group));
  tables.push_back(GroupTable("workforce_by_role", "Workforce by role", "Code", "Role", profile.by_role));
  tables.push_back(GroupTable("workforce_by_locality", "Workforce by locality", "Code", "Locality",
                              profile.by_locality));
  tables.push_back(GroupTable("workforce_by_organisation", "Workforce by organisation", "Code", "Organisation",
                              profile.by_organisation));

  ReportTable ages("age_profile", "People by age band and sex",
                   {{"age_band", "Age band", CellKind::kText},
                    {"female", "Women", CellKind::kCount},
                    {"male", "Men", CellKind::kCount},
                    {"not_recorded", "Sex not recorded", CellKind::kCount}});
  for (const auto& band : profile.age_pyramid) {
    ages.Row()
        .Text(band.band)
        .Number(static_cast<double>(band.female), band.suppressed)
        .Number(static_cast<double>(band.male), band.suppressed)
        .Number(static_cast<double>(band.not_recorded), band.suppressed);
  }
  tables.push_back(std::move(ages));
  tables.push_back(RetirementTable("retirement_by_staff_group", "Closeness to retirement by staff group",
                                   profile.retirement_age, profile.retirement_by_staff_group));
  tables.push_back(RetirementTable("retirement_by_sector", "Closeness to retirement by sector",
                                   profile.retirement_age, profile.retirement_by_sector));

  if (profile.has_leavers) {
    tables.push_back(TurnoverTable("turnover_by_role", "Turnover by role (12 months to the census date)",
                                   profile.turnover_by_role, profile.turnover_total));
    tables.push_back(TurnoverTable("turnover_by_sector", "Turnover by sector (12 months to the census date)",
                                   profile.turnover_by_sector, profile.turnover_total));
    ReportTable reasons("leavers_by_reason", "Leavers by reason (12 months to the census date)",
                        {{"code", "Code", CellKind::kText, false},
                         {"name", "Reason", CellKind::kText},
                         {"leavers", "Leavers", CellKind::kCount},
                         {"fte", "FTE", CellKind::kFte}});
    for (const auto& reason : profile.leavers_by_reason) {
      reasons.Row()
          .Text(reason.code)
          .Text(reason.label)
          .Number(static_cast<double>(reason.headcount), reason.suppressed)
          .Number(reason.fte, reason.suppressed);
    }
    tables.push_back(std::move(reasons));
  }
  if (profile.has_vacancies) {
    tables.push_back(VacancyTable("vacancies_by_role", "Vacancies by role", profile.vacancies_by_role,
                                  profile.vacancies_total));
    tables.push_back(VacancyTable("vacancies_by_sector", "Vacancies by sector", profile.vacancies_by_sector,
                                  profile.vacancies_total));
  }

  ReportTable pay("pay_by_role_and_sector", "Pay by role and sector (annual pay per FTE)",
                  {{"role", "Role", CellKind::kText, false},
                   {"role_name", "Role name", CellKind::kText},
                   {"sector", "Sector", CellKind::kText},
                   {"posts", "Posts", CellKind::kCount},
                   {"fte", "FTE", CellKind::kFte},
                   {"mean_fte_pay_gbp", "Mean pay per FTE", CellKind::kMoney},
                   {"median_fte_pay_gbp", "Median pay per FTE", CellKind::kMoney},
                   {"pay_bill_gbp", "Pay bill", CellKind::kMoney}});
  for (const auto& row : profile.pay) {
    pay.Row()
        .Text(row.role)
        .Text(row.role_label)
        .Text(row.sector_label)
        .Number(static_cast<double>(row.posts), row.suppressed)
        .Number(row.fte, row.suppressed)
        .Number(row.mean_fte_pay, row.suppressed)
        .Number(row.median_fte_pay, row.suppressed)
        .Number(row.pay_bill, row.suppressed);
  }
  tables.push_back(std::move(pay));

  ReportTable gaps("pay_gap_nhs_social_care", "Pay gap between NHS trusts and social care for comparable work",
                   {{"comparator", "Comparable work", CellKind::kText},
                    {"roles", "Roles", CellKind::kText},
                    {"nhs_posts", "NHS posts", CellKind::kCount},
                    {"social_care_posts", "Social care posts", CellKind::kCount},
                    {"nhs_mean_fte_pay_gbp", "NHS mean pay per FTE", CellKind::kMoney},
                    {"social_care_mean_fte_pay_gbp", "Social care mean pay per FTE", CellKind::kMoney},
                    {"gap_gbp", "Gap (NHS minus social care)", CellKind::kMoney},
                    {"gap_share", "Gap as share of NHS pay", CellKind::kShare}});
  for (const auto& row : profile.pay_gaps) {
    gaps.Row()
        .Text(row.comparator)
        .Text(row.roles)
        .Number(static_cast<double>(row.nhs_posts), row.suppressed)
        .Number(static_cast<double>(row.social_care_posts), row.suppressed)
        .Number(row.nhs_mean_fte_pay, row.suppressed)
        .Number(row.social_care_mean_fte_pay, row.suppressed)
        .Number(row.gap, row.suppressed)
        .Number(row.gap_percent / 100.0, row.suppressed);
  }
  tables.push_back(std::move(gaps));

  if (profile.has_staff_competences) {
    ReportTable coverage("competence_coverage", "Competence coverage: share of each role holding its profile",
                         {{"role", "Role", CellKind::kCode},
                          {"competence", "Competence", CellKind::kText, false},
                          {"competence_name", "Competence name", CellKind::kText},
                          {"headcount", "People in role", CellKind::kCount},
                          {"holding", "Holding it", CellKind::kCount},
                          {"share", "Coverage", CellKind::kShare}});
    std::map<std::string, std::string> role_names;
    for (const GroupFigures& role : profile.by_role) role_names[role.code] = role.label;
    for (const auto& row : profile.competence_coverage) {
      coverage.Row()
          .Code(row.role, role_names.count(row.role) ? role_names.at(row.role) : std::string())
          .Text(row.competence)
          .Text(row.competence_label)
          .Number(static_cast<double>(row.headcount), row.suppressed)
          .Number(static_cast<double>(row.holding), row.suppressed)
          .Number(row.share, row.suppressed);
    }
    tables.push_back(std::move(coverage));
  }

  ReportTable findings("data_quality", "Data-quality findings",
                       {{"code", "Finding", CellKind::kText},
                        {"level", "Level", CellKind::kText},
                        {"count", "Count", CellKind::kCount},
                        {"message", "What it means", CellKind::kText}});
  for (const auto& finding : profile.findings) {
    findings.Row()
        .Text(finding.code)
        .Text(finding.level == intelligence::FindingLevel::kWarning ? "warning" : "note")
        .Number(static_cast<double>(finding.count), finding.suppressed)
        .Text(finding.message);
  }
  tables.push_back(std::move(findings));
  return tables;
}

nlohmann::ordered_json ProfileFacts(const WorkforceProfile& profile) {
  nlohmann::ordered_json json;
  json["place"] = profile.place;
  json["census_date"] = FormatDate(profile.census_date);
  json["retirement_age"] = profile.retirement_age;
  json["suppression"] = {{"applied", profile.suppression_applied},
                         {"threshold", profile.suppression_threshold},
                         {"rule", fmt::format("counts of people from 1 to {} are withheld (null), and every figure "
                                              "from which one could be worked out: where one member of a group whose "
                                              "total is shown (a table, staff group, sector) is withheld, the next "
                                              "smallest is withheld too (docs/data-protection.md)",
                                              profile.suppression_threshold - 1)}};
  json["headcount"] = profile.headcount;
  json["posts"] = profile.posts;
  json["fte"] = profile.fte;
  json["pay_bill_gbp"] = profile.pay_bill;
  json["share_within_5_years_of_retirement"] = profile.retirement_total.share_within_5_years;
  json["share_within_10_years_of_retirement"] = profile.retirement_total.share_within_10_years;
  if (profile.has_leavers) {
    json["turnover_period"] = {{"from", FormatDate(profile.turnover_period_start)},
                               {"to", FormatDate(profile.census_date)}};
    // The all-staff row's figures, hidden as that row hides them (a place with few leavers).
    const auto figure = [](double value, bool hidden) {
      return hidden ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
    };
    json["leaver_rate"] = figure(profile.turnover_total.leaver_rate, profile.turnover_total.leavers_suppressed);
    json["stability_index"] = figure(profile.turnover_total.stability_index, profile.turnover_total.stability_suppressed);
  } else {
    json["leaver_rate"] = nullptr;
    json["stability_index"] = nullptr;
  }
  json["vacancy_rate"] = profile.has_vacancies && !profile.vacancies_total.suppressed
                             ? nlohmann::ordered_json(profile.vacancies_total.vacancy_rate)
                             : nlohmann::ordered_json(nullptr);
  return json;
}

nlohmann::ordered_json ProfileJson(const WorkforceProfile& profile) {
  nlohmann::ordered_json json = ProfileFacts(profile);
  nlohmann::ordered_json tables;
  for (const ReportTable& table : ProfileTables(profile)) tables[table.key()] = table.Json();
  json["tables"] = std::move(tables);
  return json;
}

ReportTable LargestOrganisations(const WorkforceProfile& profile, std::size_t count) {
  std::vector<GroupFigures> organisations = profile.by_organisation;
  // Hidden figures sort as nothing, as they show.
  std::stable_sort(organisations.begin(), organisations.end(), [](const GroupFigures& a, const GroupFigures& b) {
    return (a.suppressed ? 0.0 : a.fte) > (b.suppressed ? 0.0 : b.fte);
  });
  if (organisations.size() > count) organisations.resize(count);
  return GroupTable("workforce_by_organisation",
                    profile.by_organisation.size() > count
                        ? fmt::format("The {} largest of {} organisations (all in csv/workforce_by_organisation.csv)",
                                      count, profile.by_organisation.size())
                        : std::string("Workforce by organisation"),
                    "Code", "Organisation", organisations);
}

std::string ProfileText(const WorkforceProfile& profile) {
  std::string out = fmt::format("{} — workforce at {}\n", profile.place, FormatDate(profile.census_date));
  out += fmt::format("  {} people in {} posts, {} FTE; pay bill {}\n", Count(profile.headcount),
                     Count(profile.posts), Fte(profile.fte), Money(profile.pay_bill));
  out += fmt::format("  {} within 5 years and {} within 10 years of retirement age {}\n",
                     Percent(profile.retirement_total.share_within_5_years),
                     Percent(profile.retirement_total.share_within_10_years), profile.retirement_age);
  const TurnoverFigures& turnover = profile.turnover_total;
  if (profile.has_leavers) {
    out += fmt::format("  leaver rate {} and stability index {} in the 12 months to {}\n",
                       turnover.leavers_suppressed ? std::string(kSuppressed) : Percent(turnover.leaver_rate),
                       turnover.stability_suppressed ? std::string(kSuppressed) : Percent(turnover.stability_index),
                       FormatDate(profile.census_date));
  }
  if (profile.has_vacancies) {
    const VacancyFigures& vacancies = profile.vacancies_total;
    out += fmt::format("  vacancy rate {} ({} FTE vacant)\n",
                       vacancies.suppressed ? std::string(kSuppressed) : Percent(vacancies.vacancy_rate),
                       vacancies.suppressed ? std::string(kSuppressed) : Fte(vacancies.vacant_fte));
  }
  out += "  by sector:\n";
  for (const auto& group : profile.by_sector) {
    out += group.suppressed ? fmt::format("    {:<26} {:>8} people {:>10} FTE\n", group.label, kSuppressed, kSuppressed)
                            : fmt::format("    {:<26} {:>8} people {:>10} FTE\n", group.label, Count(group.headcount),
                                          Fte(group.fte));
  }
  std::size_t warnings = 0;
  for (const auto& finding : profile.findings) {
    if (finding.level == intelligence::FindingLevel::kWarning) ++warnings;
  }
  out += fmt::format("  {} data-quality finding{} ({} warning{})\n", profile.findings.size(),
                     profile.findings.size() == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  if (profile.suppression_applied) {
    out += fmt::format("  counts from 1 to {} are shown as {}\n", profile.suppression_threshold - 1, kSuppressed);
  }
  return out;
}

}  // namespace careforce::report
