// Linked into every test plugin: a static constructor, which runs as soon as the library is loaded, that
// creates <SSMD_TEST_MARKER_DIR>/<plugin>.ran. Its absence proves the host never loaded the plugin.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
struct LoadMarker {
  LoadMarker() {
    const char *dir = std::getenv("SSMD_TEST_MARKER_DIR");
    if (!dir || !*dir) return;
    std::string path = std::string(dir) + "/" SSMD_TEST_PLUGIN_NAME ".ran";
    if (FILE *f = std::fopen(path.c_str(), "w")) {
      std::fputs("loaded\n", f);
      std::fclose(f);
    }
  }
} marker;
} // namespace
