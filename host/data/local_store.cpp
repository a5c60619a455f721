#include "data/local_store.hpp"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace ssmd::data {

LocalStore::LocalStore(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string LocalStore::url(std::string_view key) const { return root_ + "/" + std::string(key); }

std::vector<std::string> LocalStore::list(std::string_view prefix) {
  std::vector<std::string> keys;
  std::error_code ec;
  fs::path base = fs::path(root_) / std::string(prefix);
  if (!fs::is_directory(base, ec)) return keys;
  for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) keys.push_back(fs::relative(it->path(), root_, ec).generic_string());
  return keys;
}

std::vector<Fetched> LocalStore::fetch(const std::vector<std::string> &keys, uint64_t max_bytes,
                                       const OnFetched &on_fetched) {
  std::vector<Fetched> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (on_fetched && i > 0) on_fetched(); // the previous key is done, whichever way it ended
    fs::path path = fs::path(root_) / keys[i];
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) continue;
    out[i].found = true;
    if (!fs::is_regular_file(status)) {
      out[i].error = "not a regular file";
      continue;
    }
    auto size = fs::file_size(path, ec);
    if (ec) {
      out[i].error = "cannot read: " + ec.message();
      continue;
    }
    if (size > max_bytes) {
      out[i].error = "object is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes) +
                     ", refusing to read it";
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    out[i].content.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out[i].ok = static_cast<bool>(in) || in.eof();
    if (!out[i].ok) out[i].error = "read failed";
  }
  if (on_fetched && !keys.empty()) on_fetched();
  return out;
}

} // namespace ssmd::data
