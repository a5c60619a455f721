#include "core/state_dir.hpp"

#include <fstream>

namespace fs = std::filesystem;

namespace ssmd {

fs::path state_dir(const fs::path &root, const fs::path &sub) {
  fs::path dir = root / ".ssmd";
  std::error_code ec;
  if (!fs::exists(dir / ".gitignore", ec)) {
    fs::create_directories(dir, ec);
    if (!ec) std::ofstream(dir / ".gitignore") << "# ssmd's local state: never committed.\n*\n";
  }
  fs::path out = sub.empty() ? dir : dir / sub;
  if (!sub.empty()) fs::create_directories(out, ec);
  return out;
}

} // namespace ssmd
