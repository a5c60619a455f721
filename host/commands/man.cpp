// ssmd __man DIR: writes the man pages into DIR. Hidden: the build runs it (cmake/ShellFiles.cmake) so that
// the installed pages come from the very binary they describe.
#include "commands/commands.hpp"

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "manpage/man_pages.hpp"

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace ssmd {

int run_man(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd __man DIR";
  cl.options.add_options()("dir", po::value<std::string>()->required()->value_name("DIR"), "where to write the pages");
  cl.positional.add("dir", 1);
  auto vm = parse_args("__man", cl, args);
  if (!vm) return kExitOk;
  fs::path dir = (*vm)["dir"].as<std::string>();
  std::vector<std::string> problems;
  auto pages = render_man_pages(ctx, problems);
  // A command whose --help cannot be read would leave a page without its flags: fail the build instead.
  if (!problems.empty()) {
    for (const auto &problem : problems) std::cerr << "ssmd: " << problem << "\n";
    throw DomainError("cannot describe every command; no man page written");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw EnvironmentError(dir.string() + ": cannot create directory: " + ec.message());
  for (const auto &page : pages) write_file_atomically(dir / page.file_name, page.text);
  return kExitOk;
}

} // namespace ssmd
