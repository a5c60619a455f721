// Manifests on a local disk: `<root>/<key>`.
#pragma once

#include "data/store.hpp"

namespace ssmd::data {

class LocalStore : public Store {
public:
  explicit LocalStore(std::string root);
  std::string url(std::string_view key) const override;
  std::vector<std::string> list(std::string_view prefix) override;
  std::vector<Fetched> fetch(const std::vector<std::string> &keys, uint64_t max_bytes,
                             const OnFetched &on_fetched = {}) override;
  bool prefers_direct_fetch() const override { return true; }

private:
  std::string root_;
};

} // namespace ssmd::data
