#include "registry/text_edit.hpp"

#include "core/errors.hpp"

#include <algorithm>

namespace ssmd::registry {

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit &a, const TextEdit &b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size() + 256);
  size_t at = 0;
  for (const auto &edit : edits) {
    if (edit.begin < at || edit.end < edit.begin || edit.end > text.size())
      throw std::logic_error("overlapping or out-of-range text edits");
    out.append(text.substr(at, edit.begin - at));
    out += edit.replacement;
    at = edit.end;
  }
  out.append(text.substr(at));
  return out;
}

SourceText::SourceText(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts_.push_back(i + 1);
}

size_t SourceText::line_begin(uint32_t line) const {
  if (line == 0) return 0;
  return line <= starts_.size() ? starts_[line - 1] : text_.size();
}

std::string_view SourceText::line(uint32_t line) const {
  size_t begin = line_begin(line);
  size_t end = line < starts_.size() ? starts_[line] : text_.size();
  std::string_view s = text_.substr(begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

size_t SourceText::offset(yaml::Mark mark) const {
  return std::min(text_.size(), line_begin(mark.line) + (mark.column ? mark.column - 1 : 0));
}

size_t SourceText::after_line_of(yaml::Mark mark) const { return line_begin(mark.line + 1); }

bool SourceText::is_flow(const yaml::Node *collection) const {
  size_t at = offset(collection->mark());
  return at < text_.size() && (text_[at] == '[' || text_[at] == '{');
}

TextEdit SourceText::scalar_span(const yaml::Node *node, bool in_flow) const {
  auto refuse = [](const std::string &why) -> TextEdit { throw DomainError("cannot edit this value in place: " + why); };
  if (!node || !node->is_scalar()) return refuse("it is not a single value");
  size_t begin = offset(node->mark());
  std::string_view rest = line(node->mark().line).substr(node->mark().column - 1);
  if (rest.empty()) return refuse("it does not start where the document says");
  char open = rest[0];
  if (open == '|' || open == '>') return refuse("it is a block scalar");
  if (open == '"' || open == '\'') {
    for (size_t i = 1; i < rest.size(); ++i) {
      if (open == '"' && rest[i] == '\\') {
        ++i;
        continue;
      }
      if (rest[i] != open) continue;
      if (open == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
        ++i;
        continue;
      }
      return TextEdit{begin, begin + i + 1, {}};
    }
    return refuse("the quoted value spans lines");
  }
  size_t end = rest.size();
  for (size_t i = 1; i < rest.size(); ++i)
    if (rest[i] == '#' && (rest[i - 1] == ' ' || rest[i - 1] == '\t')) {
      end = i;
      break;
    }
  if (in_flow) end = std::min(end, rest.find_first_of(",]}") == std::string_view::npos ? end : rest.find_first_of(",]}"));
  while (end > 0 && (rest[end - 1] == ' ' || rest[end - 1] == '\t')) --end;
  if (rest.substr(0, end) != node->scalar()) return refuse("the value spans lines");
  return TextEdit{begin, begin + end, {}};
}

size_t SourceText::indent_of(uint32_t n) const {
  std::string_view s = line(n);
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

bool SourceText::blank(uint32_t n) const { return indent_of(n) == line(n).size(); }
bool SourceText::comment(uint32_t n) const {
  std::string_view s = line(n);
  size_t i = indent_of(n);
  return i < s.size() && s[i] == '#';
}

size_t SourceText::dash_column(const yaml::Node *sequence) const { return sequence->mark().column - 1; }

size_t SourceText::key_column(const yaml::Node *sequence) const {
  const yaml::Node *first = sequence->at(0);
  if (first && first->is_map() && first->mark().line == sequence->mark().line) return first->mark().column - 1;
  if (first && first->is_map()) return first->mark().column - 1;
  return dash_column(sequence) + 2;
}

uint32_t SourceText::dash_line(const yaml::Node *sequence, size_t index) const {
  size_t dash = dash_column(sequence);
  for (uint32_t n = sequence->at(index)->mark().line; n >= 1; --n) {
    std::string_view s = line(n);
    if (s.size() > dash && s[dash] == '-' && indent_of(n) == dash) return n;
    if (n == sequence->mark().line) break;
  }
  return sequence->at(index)->mark().line;
}

size_t SourceText::before_item(const yaml::Node *sequence, size_t index) const {
  uint32_t n = dash_line(sequence, index);
  // Comment lines written directly above an item describe it; the new item goes above them.
  while (n > 1 && comment(n - 1) && indent_of(n - 1) >= dash_column(sequence)) --n;
  return line_begin(n);
}

size_t SourceText::after_last_item(const yaml::Node *sequence) const {
  size_t dash = dash_column(sequence);
  uint32_t last = dash_line(sequence, sequence->size() - 1);
  for (uint32_t n = last + 1; n <= line_count(); ++n) {
    if (blank(n)) continue;
    if (indent_of(n) <= dash) break;
    last = n;
  }
  return line_begin(last + 1);
}

} // namespace ssmd::registry

namespace ssmd::registry {

std::string replace_scalar(std::string_view text, const yaml::Document &doc, const std::string &path,
                           const std::string &yaml_text) {
  const yaml::Node *node = doc.find(path);
  if (!node || !node->is_scalar()) throw DomainError(doc.file() + ": no single value at '" + path + "' to replace");
  size_t cut = path.find_last_of(".[");
  const yaml::Node *parent = doc.find(cut == std::string::npos ? "" : path.substr(0, cut));
  SourceText source(text);
  TextEdit edit = source.scalar_span(node, parent && source.is_flow(parent));
  edit.replacement = yaml_text;
  std::string out = apply_edits(text, {edit});
  // The new value must read back where the old one was, and as what `yaml_text` says.
  auto wanted = reparse_edited(doc.file(), "v: " + yaml_text);
  auto edited = reparse_edited(doc.file(), out);
  const yaml::Node *now = edited->find(path);
  if (!now || !now->is_scalar() || !wanted->find("v") || now->scalar() != wanted->find("v")->scalar())
    throw DomainError(doc.file() + ": cannot replace '" + path + "' in place: the file's layout around it is unusual; "
                                   "edit it by hand");
  return out;
}

std::unique_ptr<yaml::Document> reparse_edited(const std::string &file, const std::string &text) {
  Diagnostics diags;
  auto doc = yaml::Document::parse(file, text, diags);
  if (!doc || !doc->root())
    throw DomainError(file + ": an edit in place would not leave valid YAML (" +
                      (diags.empty() ? std::string("no document") : diags.front().message) +
                      "); the file's layout is unusual, so make the change by hand");
  return doc;
}

void verify_item_added(const std::string &file, const std::string &text, const std::string &list_path,
                       size_t old_size, const std::string &key, const std::string &value) {
  auto doc = reparse_edited(file, text);
  const yaml::Node *list = doc->find(list_path);
  size_t found = 0;
  for (size_t i = 0; list && list->is_sequence() && i < list->size(); ++i) {
    const yaml::Node *item = list->at(i);
    const yaml::Node *field = item && item->is_map() ? item->get(key) : nullptr;
    if (field && field->is_scalar() && field->scalar() == value) ++found;
  }
  if (!list || !list->is_sequence() || list->size() != old_size + 1 || found != 1)
    throw DomainError(file + ": cannot add to '" + list_path + "' in place: the file's layout around it is unusual " +
                      "(a value continued on a less indented line?); add the item by hand");
}

} // namespace ssmd::registry
