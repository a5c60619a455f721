#include "secrets/report.hpp"

namespace ssmd::secrets {

Diagnostics all_findings(const std::vector<KeyResult> &results) {
  Diagnostics out;
  for (const auto &result : results) out.insert(out.end(), result.findings.begin(), result.findings.end());
  return out;
}

json::Value findings_json(const Diagnostics &findings) {
  json::Array items;
  for (const auto &d : findings) {
    json::Value item = json::Object{};
    item.set("file", d.file).set("line", static_cast<int64_t>(d.line)).set("column", static_cast<int64_t>(d.column));
    item.set("severity", severity_name(d.severity)).set("rule", d.rule).set("message", d.message);
    items.push_back(item);
  }
  return items;
}

std::string without_subject(const EnvironmentKey &key, const std::string &message) {
  const std::string subject = key.subject() + ": ";
  return message.rfind(subject, 0) == 0 ? message.substr(subject.size()) : message;
}

std::string one_line(const std::string &text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == 0x7f) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

} // namespace ssmd::secrets
