#include "registry/overlay_reader.hpp"

#include <algorithm>
#include <set>

namespace ssmd::registry {

namespace {

class OverlayReader final : public files::TreeReader {
public:
  OverlayReader(const files::TreeReader &base, const Overlay &overlay) : base_(base), overlay_(overlay) {}

  std::vector<std::string> list_files(std::string_view dir, bool recursive) const override {
    auto normal = files::normalize_relative_path(dir);
    if (!normal) return {};
    std::vector<std::string> listed = base_.list_files(*normal, recursive);
    std::set<std::string> files(listed.begin(), listed.end());
    const std::string prefix = normal->empty() ? "" : *normal + "/";
    for (const auto &[path, content] : overlay_) {
      if (!path.starts_with(prefix)) continue;
      if (!recursive && path.find('/', prefix.size()) != std::string::npos) continue;
      if (content) files.insert(path);
      else files.erase(path);
    }
    return {files.begin(), files.end()};
  }

  std::optional<std::string> read(std::string_view path) const override {
    auto normal = files::normalize_relative_path(path);
    if (!normal) return std::nullopt;
    if (auto it = overlay_.find(*normal); it != overlay_.end()) return it->second;
    return base_.read(*normal);
  }

  std::string describe() const override { return base_.describe() + " with the pending change"; }

private:
  const files::TreeReader &base_;
  const Overlay overlay_; // a copy: the Repository holding this reader may be moved
};

} // namespace

std::unique_ptr<files::TreeReader> overlay_reader(const files::TreeReader &base, const Overlay &overlay) {
  return std::make_unique<OverlayReader>(base, overlay);
}

} // namespace ssmd::registry
