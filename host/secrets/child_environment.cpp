#include "secrets/child_environment.hpp"

#include <cstring>
#include <set>

namespace ssmd::secrets {

ChildEnvironment::ChildEnvironment(char *const *inherited,
                                   const std::vector<std::pair<std::string, std::string_view>> &added) {
  size_t total = 0;
  std::set<std::string_view> replaced;
  for (const auto &[name, value] : added) {
    total += name.size() + 1 + value.size() + 1;
    replaced.insert(name);
  }
  for (char *const *entry = inherited; entry && *entry; ++entry) {
    std::string_view text(*entry);
    if (!replaced.count(text.substr(0, text.find('=')))) envp_.push_back(*entry);
  }
  // One allocation of the final size: nothing is reallocated, so no partial copy of a value is left behind.
  arena_ = SecretBytes::zeroed(total);
  char *at = arena_.data();
  for (const auto &[name, value] : added) {
    envp_.push_back(at);
    std::memcpy(at, name.data(), name.size());
    at += name.size();
    *at++ = '=';
    if (!value.empty()) std::memcpy(at, value.data(), value.size());
    at += value.size();
    *at++ = '\0';
  }
  envp_.push_back(nullptr);
}

void ChildEnvironment::wipe() {
  arena_.wipe();
  envp_.assign(1, nullptr);
}

} // namespace ssmd::secrets
