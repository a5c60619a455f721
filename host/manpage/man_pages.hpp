// The man pages: ssmd(1), and one page per command group or top-level command (ssmd-feed(1),
// ssmd-validate(1), ...). They are written from the description every command's --help and completion
// are written from (cli/command_spec.hpp) and from the help topics (exit codes, environment, files), so they list what the binary accepts.
#pragma once

#include "cli/context.hpp"

#include <string>
#include <vector>

namespace ssmd {

struct ManPage {
  std::string file_name; // "ssmd-feed.1"
  std::string text;      // troff source using the man(7) macros
};

// Every page.
std::vector<ManPage> render_man_pages(Context &ctx);

} // namespace ssmd
