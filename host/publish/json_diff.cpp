#include "publish/json_diff.hpp"

#include "core/json.hpp"

namespace ssmd::publish {

namespace {

void write(const json::Node &v, std::string &out) {
  switch (v.kind) {
  case json::Node::Kind::Null: out += "null"; break;
  case json::Node::Kind::Bool: out += v.boolean ? "true" : "false"; break;
  case json::Node::Kind::Number: out += v.text; break;
  case json::Node::Kind::String: out += '"' + json::escape(v.text) + '"'; break;
  case json::Node::Kind::Array:
    out += '[';
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) out += ',';
      write(v.items[i], out);
    }
    out += ']';
    break;
  case json::Node::Kind::Object:
    out += '{';
    for (size_t i = 0; i < v.members.size(); ++i) {
      if (i) out += ',';
      out += '"' + json::escape(v.members[i].first) + "\":";
      write(v.members[i].second, out);
    }
    out += '}';
    break;
  }
}

std::string child(const std::string &path, const std::string &key) { return path.empty() ? key : path + "." + key; }

bool same_scalar(const json::Node &a, const json::Node &b) {
  switch (a.kind) {
  case json::Node::Kind::Null: return true;
  case json::Node::Kind::Bool: return a.boolean == b.boolean;
  case json::Node::Kind::Number: return a.text == b.text || a.number == b.number;
  default: return a.text == b.text;
  }
}

void compare(const json::Node &before, const json::Node &after, const std::string &path, std::vector<std::string> &out) {
  const std::string label = path.empty() ? "(document)" : path;
  if (before.kind != after.kind) {
    out.push_back(label + ": " + json_brief(before) + " → " + json_brief(after));
    return;
  }
  if (before.kind == json::Node::Kind::Object) {
    for (const auto &[key, value] : before.members) {
      if (const json::Node *other = after.get(key)) compare(value, *other, child(path, key), out);
      else out.push_back(child(path, key) + ": removed");
    }
    for (const auto &[key, value] : after.members)
      if (!before.get(key)) out.push_back(child(path, key) + ": added " + json_brief(value));
    return;
  }
  if (before.kind == json::Node::Kind::Array) {
    size_t common = std::min(before.items.size(), after.items.size());
    for (size_t i = 0; i < common; ++i) compare(before.items[i], after.items[i], path + "[" + std::to_string(i) + "]", out);
    for (size_t i = common; i < before.items.size(); ++i) out.push_back(path + "[" + std::to_string(i) + "]: removed");
    for (size_t i = common; i < after.items.size(); ++i)
      out.push_back(path + "[" + std::to_string(i) + "]: added " + json_brief(after.items[i]));
    return;
  }
  if (!same_scalar(before, after)) out.push_back(label + ": " + json_brief(before) + " → " + json_brief(after));
}

} // namespace

std::string json_brief(const json::Node &value, size_t width) {
  std::string out;
  write(value, out);
  if (out.size() <= width) return out;
  // Cut on a character boundary: never inside a UTF-8 sequence.
  size_t cut = width;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "…";
}

std::vector<std::string> json_differences(const json::Node &before, const json::Node &after, const std::string &path) {
  std::vector<std::string> out;
  compare(before, after, path, out);
  return out;
}

} // namespace ssmd::publish
