// Turns a rule's finding about a document path (`versions[1].effective_to`) into a Diagnostic with
// file:line:col, using the source marks of the document the model came from.
#pragma once

#include "core/diagnostic.hpp"
#include "yaml/document.hpp"

#include <string>

namespace ssmd::registry {

class Reporter {
public:
  Reporter(const yaml::Document *doc, std::string file, Diagnostics &out)
      : doc_(doc), file_(std::move(file)), out_(out) {}

  void error(const std::string &rule, const std::string &path, const std::string &message) {
    add(Severity::Error, rule, path, message);
  }
  void warning(const std::string &rule, const std::string &path, const std::string &message) {
    add(Severity::Warning, rule, path, message);
  }
  // Whether the document has a node at `path` (to tell "missing" from "malformed, already reported").
  bool present(const std::string &path) const { return node(path) != nullptr; }
  const yaml::Node *node(const std::string &path) const { return doc_ ? doc_->find(path) : nullptr; }

private:
  void add(Severity severity, const std::string &rule, const std::string &path, const std::string &message) {
    // Without a parsed document a finding can only point at the file's start.
    yaml::Mark m = doc_ ? doc_->locate(path) : yaml::Mark{1, 1};
    out_.push_back(Diagnostic{file_, m.line, m.column, severity, rule, message});
  }
  const yaml::Document *doc_;
  std::string file_;
  Diagnostics &out_;
};

} // namespace ssmd::registry
