#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/enums.hpp"

namespace careforce {

// Employers grouped the way published workforce figures are: NHS trusts, general practice and
// primary care networks, adult social care (council, independent, voluntary and individual
// employers).
enum class SectorGroup : uint8_t { kNhs, kPrimaryCare, kSocialCare };
inline constexpr std::size_t kSectorGroups = 3;
inline constexpr std::array<std::string_view, kSectorGroups> kSectorGroupCodes = {"nhs", "primary_care", "social_care"};

constexpr SectorGroup SectorGroupOf(Sector sector) {
  if (IsNhsTrust(sector)) return SectorGroup::kNhs;
  if (sector == Sector::kPrimaryCare) return SectorGroup::kPrimaryCare;
  return SectorGroup::kSocialCare;
}

constexpr std::string_view SectorGroupCode(SectorGroup group) { return kSectorGroupCodes[static_cast<std::size_t>(group)]; }

constexpr std::optional<SectorGroup> ParseSectorGroup(std::string_view code) {
  for (std::size_t idx = 0; idx < kSectorGroupCodes.size(); ++idx) {
    if (kSectorGroupCodes[idx] == code) return static_cast<SectorGroup>(idx);
  }
  return std::nullopt;
}

}  // namespace careforce
