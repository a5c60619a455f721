// CI reports: JUnit XML (one test case a file) and GitHub Actions workflow commands.
#include "validate/report.hpp"

#include <algorithm>
#include <map>

namespace ssmd::validate {

namespace {

std::string xml_escape(const std::string &s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default:
      // XML 1.0 forbids most control characters, even escaped.
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
      else out += static_cast<char>(c);
    }
  }
  return out;
}

// GitHub workflow commands: data escapes % CR LF; property values also escape : and ,.
std::string gh_data(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string gh_property(const std::string &s) {
  std::string out;
  for (char c : gh_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string location(const Diagnostic &d) {
  return d.file + (d.line ? ":" + std::to_string(d.line) + (d.column ? ":" + std::to_string(d.column) : "") : "");
}

} // namespace

std::string render_junit(const Report &report) {
  std::map<std::string, std::vector<const Diagnostic *>> by_file;
  for (const auto &d : report.diagnostics) by_file[d.file].push_back(&d);
  std::vector<std::string> files = report.files;
  for (const auto &[file, _] : by_file)
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);

  size_t failures = 0;
  std::string cases;
  for (const auto &file : files) {
    const auto &diags = by_file[file];
    std::string errors, warnings;
    for (const auto *d : diags) {
      std::string line = location(*d) + ": " + std::string(severity_name(d->severity)) + ": " + d->message +
                         (d->rule.empty() ? "" : " [" + d->rule + "]") + "\n";
      (d->severity == Severity::Error ? errors : warnings) += line;
    }
    std::string classname = file.substr(0, file.rfind('/') == std::string::npos ? 0 : file.rfind('/'));
    cases += "    <testcase classname=\"" + xml_escape(classname) + "\" name=\"" + xml_escape(file) + "\">\n";
    if (!errors.empty()) {
      ++failures;
      size_t count = std::count(errors.begin(), errors.end(), '\n');
      cases += "      <failure message=\"" + std::to_string(count) + (count == 1 ? " error" : " errors") +
               "\" type=\"ssmd.validate\">" + xml_escape(errors) + "</failure>\n";
    }
    if (!warnings.empty()) cases += "      <system-out>" + xml_escape(warnings) + "</system-out>\n";
    cases += "    </testcase>\n";
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"ssmd validate\" tests=\"" + std::to_string(files.size()) + "\" failures=\"" +
         std::to_string(failures) + "\">\n";
  out += "  <testsuite name=\"ssmd validate\" tests=\"" + std::to_string(files.size()) + "\" failures=\"" +
         std::to_string(failures) + "\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string render_github(const Report &report) {
  std::string out;
  for (const auto &d : report.diagnostics) {
    const char *command = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
    out += std::string("::") + command + " file=" + gh_property(d.file);
    if (d.line) out += ",line=" + std::to_string(d.line);
    if (d.column) out += ",col=" + std::to_string(d.column);
    if (!d.rule.empty()) out += ",title=" + gh_property(d.rule);
    out += "::" + gh_data(d.message) + "\n";
  }
  out += summary_line(report) + "\n";
  return out;
}

} // namespace ssmd::validate
