// careforce: plans the integrated health and social care workforce of a place.
//
// Exit status: 0 success, 2 bad input or usage (every problem on stderr as
// file:line:column: error: what, expected what), 1 internal failure.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "model/error.hpp"

int main(int argc, char** argv) {
  using namespace careforce;
  CLI::App app{"careforce — integrated health and social care workforce planning"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "careforce 0.1.0");
  cli::RegisterCommands(app);
  const cli::UsageCheck usage = cli::CheckUsage(app, std::vector<std::string>(argv + 1, argv + argc));
  for (const std::string& warning : usage.warnings) std::fprintf(stderr, "careforce: warning: %s\n", warning.c_str());
  if (!usage.error.empty()) {
    std::fprintf(stderr, "careforce: error: %s\n", usage.error.c_str());
    return cli::kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return cli::kExitBadInput;
  }
  try {
    return cli::RunSelected(app);
  } catch (const InputError& error) {
    cli::PrintDiagnostics(error.diagnostics());
    return cli::kExitBadInput;
  } catch (const IoError& error) {
    std::fprintf(stderr, "careforce: error: %s\n", error.what());
    return cli::kExitBadInput;
  } catch (const std::filesystem::filesystem_error& error) {
    // A path the user gave that cannot be looked at or written (a symbolic link loop, no
    // permission): the user can act on it.
    std::fprintf(stderr, "careforce: error: %s\n", error.what());
    return cli::kExitBadInput;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "careforce: internal error: %s\n", error.what());
    return cli::kExitInternal;
  }
}
