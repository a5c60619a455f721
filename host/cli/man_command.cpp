// ssmd __man DIR: writes the man pages into DIR. Hidden: the build runs it (cmake/GenerateShellFiles.cmake) so
// that the installed pages come from the very binary they describe.
#include "cli/help_commands.hpp"

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "manpage/man_pages.hpp"

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace ssmd {

CommandSpec describe_man(Context &) {
  return synopsis("ssmd __man DIR",
                  {argument("dir", "DIR", "where to write the pages")});
}

int run_man(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "__man", args);
  if (!vm) return kExitOk;
  fs::path dir = (*vm)["dir"].as<std::string>();
  auto pages = render_man_pages(ctx);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw EnvironmentError(dir.string() + ": cannot create directory: " + ec.message());
  for (const auto &page : pages) write_file_atomically(dir / page.file_name, page.text);
  return kExitOk;
}

} // namespace ssmd
