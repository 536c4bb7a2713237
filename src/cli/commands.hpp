#pragma once

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

// Prints every diagnostic to stderr, then a count of errors.
void PrintDiagnostics(const Diagnostics& diagnostics);

}  // namespace careforce::cli
