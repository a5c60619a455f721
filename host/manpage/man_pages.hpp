// The man pages: ssmd(1), and one page per command group or top-level command (ssmd-feed(1),
// ssmd-validate(1), ...). They are written from the same --help every command prints (cli/introspect.hpp)
// and from the help topics (exit codes, environment, files), so they list what the binary accepts.
#pragma once

#include "cli/context.hpp"

#include <string>
#include <vector>

namespace ssmd {

struct ManPage {
  std::string file_name; // "ssmd-feed.1"
  std::string text;      // troff source using the man(7) macros
};

// Every page. A command whose --help cannot be read is still listed by its summary, and the reason is
// appended to `problems`.
std::vector<ManPage> render_man_pages(Context &ctx, std::vector<std::string> &problems);

} // namespace ssmd
