#include "intelligence/summary.hpp"

#include <set>
#include <string_view>

namespace careforce::intelligence {

PlaceSummary SummarisePlace(const Place& place) {
  PlaceSummary summary;
  summary.name = place.name;
  summary.description = place.description;
  summary.base_year = place.base_year;
  summary.census_date = place.census_date;
  summary.localities = static_cast<int64_t>(place.localities.size());
  summary.organisations = static_cast<int64_t>(place.organisations.size());
  summary.roles = static_cast<int64_t>(place.roles.size());
  summary.competences = static_cast<int64_t>(place.competences.size());
  std::vector<bool> has_post(place.person_ids.size(), false);
  for (const StaffPost& post : place.staff) {
    has_post[post.person] = true;
    summary.fte += post.fte;
  }
  for (const bool present : has_post) summary.people += present ? 1 : 0;
  summary.posts = static_cast<int64_t>(place.staff.size());
  summary.staff_competences = static_cast<int64_t>(place.staff_competences.size());
  summary.vacancies = static_cast<int64_t>(place.vacancies.size());
  summary.leavers = static_cast<int64_t>(place.leavers.size());
  summary.gp_practices = static_cast<int64_t>(place.gp_practices.size());
  for (const GpPractice& practice : place.gp_practices) summary.registered_patients += practice.list_size;
  summary.practice_registers = static_cast<int64_t>(place.practice_registers.size());
  std::set<std::string_view> codes;
  for (const PracticeRegister& entry : place.practice_registers) codes.insert(entry.register_code);
  summary.register_codes = static_cast<int64_t>(codes.size());
  summary.registered_lists = static_cast<int64_t>(place.registered_lists.size());
  std::set<Index> list_practices;
  std::set<std::string_view> list_networks;
  for (const RegisteredList& row : place.registered_lists) {
    if (row.practice != kNoIndex) list_practices.insert(row.practice);
    if (!row.pcn.empty()) list_networks.insert(row.pcn);
  }
  summary.registered_list_practices = static_cast<int64_t>(list_practices.size());
  summary.registered_list_networks = static_cast<int64_t>(list_networks.size());
  summary.population_cells = static_cast<int64_t>(place.population.size());
  summary.sources = place.sources;
  return summary;
}

}  // namespace careforce::intelligence
