#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace careforce {

// A limit on the size of an input that no real place reaches, so that every valid input is planned
// in bounded time and memory (docs/reliability.md, "Limits"; measured costs in
// docs/performance.md, "Bounded work"). Going over one is an input error (exit status 2) that
// names it.
struct Limit {
  std::string_view what;  // what is counted, in the plural ("runs")
  int64_t most;
};

// Supply Monte Carlo runs (--runs, --scenario-runs). The default 1,000 gives percentiles within
// about a percent of those of 100,000; the runs' series are kept until the percentiles are taken,
// so memory grows with every run (51 KB a run for examples/westbrook, docs/performance.md).
inline constexpr Limit kMaxRuns{"runs", 100'000};

// Years projected after the base year (supply --years). Workforce plans look 5 to 15 years ahead
// and [demand] years in place.toml is at most 40; beyond 50 years the projection is of people not
// yet born, and the work grows with every year.
inline constexpr Limit kMaxYears{"years", 50};

// Localities of a place ([[locality]] in place.toml). England has about 1,250 primary care
// networks and 6,856 middle layer super output areas (2021), the finest areas a plan is made
// for; careforce's synthetic England has 1,376 localities of 75,000 residents. The supply
// projection and the programmes grow with every locality (about 460 KB a locality at 1,000
// runs for a place of three roles: 4.6 GB and 6 minutes at the limit, docs/performance.md).
inline constexpr Limit kMaxLocalities{"localities", 10'000};

// Interventions over every service of services.toml. The shipped service model has 21 in 11
// services; a detailed local catalogue a few hundred. Each intervention is a task in every
// locality of every year's programme.
inline constexpr Limit kMaxInterventions{"interventions", 2'000};

// Roles of roles.csv. A place's roles are its jobs, not its posts: the NHS occupation codes and
// adult social care's job roles come to a few hundred. Every role has columns in every locality
// of every year's programme.
inline constexpr Limit kMaxRoles{"roles", 1'000};

// People in a person-level register (register.csv): more than the United Kingdom's 67.6 million
// residents (ONS mid-2022 estimates). People are numbered with 32 bits.
inline constexpr Limit kMaxRegisterRows{"register rows", 100'000'000};

// Bytes of one record of a CSV file (a line, or several when a quoted field holds line breaks).
// careforce's longest records are a few hundred bytes; one of over a mebibyte is not a table
// (a binary file, a file without line ends), and its fields would take memory in proportion.
inline constexpr Limit kMaxLineBytes{"bytes in a line", int64_t{1} << 20};

// Memory holding every run's series until their percentiles are taken (8 GiB): runs × series
// (roles and sectors, and with by_locality roles × localities) × years. 1,000 runs of
// examples/westbrook keep 51 MB, of 1,000 localities of three roles 460 MB. Within the limits above
// a place could ask for far more than any machine has: this says so before it is allocated.
inline constexpr Limit kMaxRunBytes{"bytes of runs kept", int64_t{8} << 30};

// "<subject> is more than the limit of 100000 runs (docs/reliability.md#limits), expected at most
// 100000<tail>".
inline std::string OverLimit(std::string_view subject, const Limit& limit,
                             std::string_view tail = "") {
  return fmt::format(
      "{} is more than the limit of {} {} (docs/reliability.md#limits), expected at most {}{}",
      subject, limit.most, limit.what, limit.most, tail);
}

}  // namespace careforce
