#include "file_indexes.hpp"

namespace ssmd::capnp_schema {

const SourceIndex &FileIndexes::of(const std::string &display) const {
  if (display == compiled_.display()) return compiled_.index();
  auto it = scanned_.find(display);
  if (it != scanned_.end()) return it->second;
  const std::string *text = nullptr;
  for (const auto &[from, to] : compiled_.imports())
    if (to.display() == display) {
      text = compiled_.text_of(to);
      break;
    }
  return scanned_.emplace(display, SourceIndex::scan(text ? std::string_view(*text) : std::string_view())).first->second;
}

} // namespace ssmd::capnp_schema
