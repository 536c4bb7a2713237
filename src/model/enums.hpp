#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace careforce {

// Who employs a post. Codes are the values used in organisations.csv.
enum class Sector : uint8_t {
  kNhsAcute,
  kNhsCommunity,
  kNhsMentalHealth,
  kPrimaryCare,
  kLocalAuthority,
  kIndependent,
  kVoluntary,
  kIndividualEmployer,
};

// Professional grouping of a role. Codes are the values used in roles.csv.
enum class StaffGroup : uint8_t {
  kMedical,
  kRegisteredNursing,
  kAlliedHealth,
  kOtherClinical,
  kSocialWork,
  kSupportCare,
  kIntegrated,
  kManagementAdmin,
};

// Sex as recorded; kUnknown means "not recorded" (staff files only).
enum class Sex : uint8_t { kFemale, kMale, kUnknown };

enum class ContractType : uint8_t { kPermanent, kFixedTerm, kBank, kAgency, kZeroHours };

enum class LeaveReason : uint8_t {
  kRetirement,
  kResignation,
  kEndOfContract,
  kDismissal,
  kDeath,
  kOther,
};

// How a role's reference pay is stated in roles.csv.
enum class PayBasis : uint8_t { kAfcBand, kHourlyRate, kAnnualSalary };

// Name tables: `kCodes` are the file values, `kLabels` the words used in reports.
template <typename E>
struct EnumInfo;

template <>
struct EnumInfo<Sector> {
  static constexpr std::string_view kWhat = "sector";
  static constexpr std::array<std::string_view, 8> kCodes = {
      "nhs_acute",      "nhs_community", "nhs_mental_health", "primary_care",
      "local_authority", "independent",  "voluntary",         "individual_employer"};
  static constexpr std::array<std::string_view, 8> kLabels = {
      "NHS acute",       "NHS community",          "NHS mental health", "Primary care",
      "Local authority", "Independent care sector", "Voluntary sector",  "Individual employers"};
};

template <>
struct EnumInfo<StaffGroup> {
  static constexpr std::string_view kWhat = "staff group";
  static constexpr std::array<std::string_view, 8> kCodes = {
      "medical",     "registered_nursing", "allied_health", "other_clinical",
      "social_work", "support_care",       "integrated",    "management_admin"};
  static constexpr std::array<std::string_view, 8> kLabels = {
      "Medical",     "Registered nursing", "Allied health professions", "Other clinical",
      "Social work", "Support and care",   "New integrated roles",      "Management and admin"};
};

template <>
struct EnumInfo<Sex> {
  static constexpr std::string_view kWhat = "sex";
  static constexpr std::array<std::string_view, 3> kCodes = {"F", "M", "U"};
  static constexpr std::array<std::string_view, 3> kLabels = {"Female", "Male", "Not recorded"};
};

template <>
struct EnumInfo<ContractType> {
  static constexpr std::string_view kWhat = "contract type";
  static constexpr std::array<std::string_view, 5> kCodes = {"permanent", "fixed_term", "bank",
                                                             "agency", "zero_hours"};
  static constexpr std::array<std::string_view, 5> kLabels = {"Permanent", "Fixed term", "Bank",
                                                              "Agency", "Zero hours"};
};

template <>
struct EnumInfo<LeaveReason> {
  static constexpr std::string_view kWhat = "leaving reason";
  static constexpr std::array<std::string_view, 6> kCodes = {
      "retirement", "resignation", "end_of_contract", "dismissal", "death", "other"};
  static constexpr std::array<std::string_view, 6> kLabels = {
      "Retirement", "Resignation", "End of contract", "Dismissal", "Death in service", "Other"};
};

template <>
struct EnumInfo<PayBasis> {
  static constexpr std::string_view kWhat = "pay basis";
  static constexpr std::array<std::string_view, 3> kCodes = {"afc_band", "hourly_rate",
                                                             "annual_salary"};
  static constexpr std::array<std::string_view, 3> kLabels = {"Agenda for Change band",
                                                              "Hourly rate", "Annual salary"};
};

// Number of values of an enum.
template <typename E>
constexpr std::size_t EnumCount() {
  return EnumInfo<E>::kCodes.size();
}

// The file code of a value ("nhs_acute").
template <typename E>
constexpr std::string_view Code(E value) {
  return EnumInfo<E>::kCodes[static_cast<std::size_t>(value)];
}

// The report label of a value ("NHS acute").
template <typename E>
constexpr std::string_view Label(E value) {
  return EnumInfo<E>::kLabels[static_cast<std::size_t>(value)];
}

// Parses a file code; nullopt when it is not one of the codes.
template <typename E>
std::optional<E> ParseCode(std::string_view text) {
  for (std::size_t idx = 0; idx < EnumInfo<E>::kCodes.size(); ++idx) {
    if (EnumInfo<E>::kCodes[idx] == text) return static_cast<E>(idx);
  }
  return std::nullopt;
}

// The allowed codes as prose for error messages: "F, M or U".
template <typename E>
std::string AllowedCodes() {
  std::string out;
  const auto& codes = EnumInfo<E>::kCodes;
  for (std::size_t idx = 0; idx < codes.size(); ++idx) {
    if (idx > 0) out += idx + 1 == codes.size() ? " or " : ", ";
    out += codes[idx];
  }
  return out;
}

// Adult social care employers (Skills for Care's scope).
constexpr bool IsSocialCare(Sector sector) {
  return sector == Sector::kLocalAuthority || sector == Sector::kIndependent ||
         sector == Sector::kVoluntary || sector == Sector::kIndividualEmployer;
}

// NHS trusts employing staff on Agenda for Change terms.
constexpr bool IsNhsTrust(Sector sector) {
  return sector == Sector::kNhsAcute || sector == Sector::kNhsCommunity ||
         sector == Sector::kNhsMentalHealth;
}

}  // namespace careforce
