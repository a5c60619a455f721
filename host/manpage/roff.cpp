#include "manpage/roff.hpp"

#include <vector>

namespace ssmd::roff {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  return std::string(s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1));
}

// The cells of a table row "| a | b |".
std::vector<std::string> cells_of(std::string_view row) {
  std::string r = trim(row);
  if (r.starts_with("|")) r.erase(0, 1);
  if (r.ends_with("|")) r.pop_back();
  std::vector<std::string> out;
  size_t pos = 0;
  for (;;) {
    size_t bar = r.find('|', pos);
    out.push_back(trim(std::string_view(r).substr(pos, bar == std::string::npos ? std::string::npos : bar - pos)));
    if (bar == std::string::npos) return out;
    pos = bar + 1;
  }
}

bool is_separator_row(std::string_view row) { return trim(row).find_first_not_of("|-: ") == std::string::npos; }

bool is_item(std::string_view line) { return line.starts_with("- ") || line.starts_with("* "); }

// Backslashes and dashes only; where a line starts is the caller's business.
std::string escape_characters(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  return out;
}

} // namespace

std::string escape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  return out;
}

std::string inline_markup(std::string_view text) {
  std::string out;
  size_t i = 0;
  auto span = [&](std::string_view mark, const char *font) {
    size_t close = text.find(mark, i + mark.size());
    if (close == std::string_view::npos || close == i + mark.size()) return false;
    out += std::string("\\f") + font + escape_characters(text.substr(i + mark.size(), close - i - mark.size())) + "\\fR";
    i = close + mark.size();
    return true;
  };
  while (i < text.size()) {
    if (text[i] == '`' && span("`", "B")) continue;
    if (text.substr(i).starts_with("**") && span("**", "B")) continue;
    if (text[i] == '*' && span("*", "I")) continue;
    if (text[i] == '[') {
      size_t close = text.find("](", i);
      size_t end = close == std::string_view::npos ? close : text.find(')', close);
      if (end != std::string_view::npos) {
        out += inline_markup(text.substr(i + 1, close - i - 1));
        i = end + 1;
        continue;
      }
    }
    out += escape_characters(text.substr(i, 1));
    ++i;
  }
  // A line of running text must not begin with a control character, even inside a font change.
  size_t first = out.starts_with("\\f") ? 3 : 0;
  if (out.size() > first && (out[first] == '.' || out[first] == '\'')) out.insert(first, "\\&");
  return out;
}

std::string from_markdown(std::string_view markdown) {
  std::string out;
  bool in_code = false, in_paragraph = false, in_table = false, table_header = false, title_skipped = false;
  for (std::string_view line : lines_of(markdown)) {
    std::string text = trim(line);
    if (text.starts_with("```")) {
      out += in_code ? ".fi\n.RE\n" : ".PP\n.RS 4\n.nf\n";
      in_code = !in_code;
      in_paragraph = false;
      continue;
    }
    if (in_code) {
      out += escape(line) + "\n";
      continue;
    }
    if (!text.starts_with("|")) in_table = false;
    if (text.empty()) {
      in_paragraph = false;
    } else if (text.starts_with("# ") && !title_skipped) {
      title_skipped = true;
    } else if (text.starts_with("#")) {
      out += ".SS " + inline_markup(trim(text.substr(text.find(' ') == std::string::npos ? text.size() : text.find(' ')))) + "\n";
      in_paragraph = false;
    } else if (text.starts_with("|")) {
      if (!in_table) table_header = true;
      in_table = true;
      if (is_separator_row(text)) continue;
      if (table_header) {
        table_header = false;
        continue;
      }
      auto cells = cells_of(text);
      out += ".TP\n" + inline_markup(cells[0]) + "\n";
      std::string rest;
      for (size_t i = 1; i < cells.size(); ++i) rest += (i > 1 ? " " : "") + cells[i];
      out += inline_markup(rest) + "\n";
      in_paragraph = false;
    } else if (is_item(text)) {
      out += ".IP \\(bu 2\n" + inline_markup(text.substr(2)) + "\n";
      in_paragraph = true;
    } else {
      if (!in_paragraph) out += ".PP\n";
      out += inline_markup(text) + "\n";
      in_paragraph = true;
    }
  }
  if (in_code) out += ".fi\n.RE\n";
  return out;
}

} // namespace ssmd::roff
