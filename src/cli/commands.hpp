#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "model/diagnostic.hpp"

namespace careforce::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// Adds every subcommand and its options to the application.
void RegisterCommands(CLI::App& app);

// Runs the subcommand chosen on the command line; returns the exit status.
int RunSelected(const CLI::App& app);

// The command line checked before the parser sees it: an unknown command or option is an error
// saying what was expected, with the nearest name ("did you mean"); a deprecated spelling is a
// warning naming the one to use.
struct UsageCheck {
  std::string error;  // empty: none
  std::vector<std::string> warnings;
};
UsageCheck CheckUsage(const CLI::App& app, const std::vector<std::string>& arguments);

// Prints every diagnostic to stderr, then a count of errors.
void PrintDiagnostics(const Diagnostics& diagnostics);

}  // namespace careforce::cli
