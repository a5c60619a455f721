// ssmd: git-native metadata for market-data platforms. Everything happens in dispatch().
#include "cli/dispatch.hpp"

#include <string>
#include <vector>

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return ssmd::dispatch(argc > 0 ? argv[0] : "ssmd", args);
}
