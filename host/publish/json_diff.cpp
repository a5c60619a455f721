#include "publish/json_diff.hpp"

#include "core/json.hpp"

namespace ssmd::publish {

namespace {

using strict_json::Json;

void write(const Json &v, std::string &out) {
  if (v.is_string()) {
    out += '"' + json::escape(strict_json::text_of(v)) + '"';
  } else if (v.is_array()) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      write(v[i], out);
    }
    out += ']';
  } else if (v.is_object()) {
    out += '{';
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it != v.begin()) out += ',';
      out += '"' + json::escape(it.key()) + "\":";
      write(*it, out);
    }
    out += '}';
  } else {
    out += v.dump(); // null, a boolean or a number
  }
}

std::string child(const std::string &path, const std::string &key) { return path.empty() ? key : path + "." + key; }

// Numbers of any representation (1, 1.0) are one kind; so compared, 1 and 1.0 are the same value.
bool same_kind(const Json &a, const Json &b) { return a.type() == b.type() || (a.is_number() && b.is_number()); }

void compare(const Json &before, const Json &after, const std::string &path, std::vector<std::string> &out) {
  const std::string label = path.empty() ? "(document)" : path;
  if (!same_kind(before, after)) {
    out.push_back(label + ": " + json_brief(before) + " → " + json_brief(after));
    return;
  }
  if (before.is_object()) {
    for (auto it = before.begin(); it != before.end(); ++it) {
      if (const Json *other = strict_json::member(after, it.key())) compare(*it, *other, child(path, it.key()), out);
      else out.push_back(child(path, it.key()) + ": removed");
    }
    for (auto it = after.begin(); it != after.end(); ++it)
      if (!strict_json::member(before, it.key())) out.push_back(child(path, it.key()) + ": added " + json_brief(*it));
    return;
  }
  if (before.is_array()) {
    size_t common = std::min(before.size(), after.size());
    for (size_t i = 0; i < common; ++i) compare(before[i], after[i], path + "[" + std::to_string(i) + "]", out);
    for (size_t i = common; i < before.size(); ++i) out.push_back(path + "[" + std::to_string(i) + "]: removed");
    for (size_t i = common; i < after.size(); ++i)
      out.push_back(path + "[" + std::to_string(i) + "]: added " + json_brief(after[i]));
    return;
  }
  if (before != after) out.push_back(label + ": " + json_brief(before) + " → " + json_brief(after));
}

} // namespace

std::string json_brief(const Json &value, size_t width) {
  std::string out;
  write(value, out);
  if (out.size() <= width) return out;
  // Cut on a character boundary: never inside a UTF-8 sequence.
  size_t cut = width;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "…";
}

std::vector<std::string> json_differences(const Json &before, const Json &after, const std::string &path) {
  std::vector<std::string> out;
  compare(before, after, path, out);
  return out;
}

} // namespace ssmd::publish
