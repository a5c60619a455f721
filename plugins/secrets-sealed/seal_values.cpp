#include "seal_values.hpp"

#include "key_spec.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace ssmd::sealed {

namespace {
constexpr size_t kMaxInputBytes = 1 << 20; // a Secret holds at most 1 MiB
} // namespace

bool SealValues::gather(const SealOptions &options, std::string &why) {
  values_.clear();
  return options.from_stdin ? from_stdin(options, why) : from_environment(options, why);
}

bool SealValues::from_environment(const SealOptions &options, std::string &why) {
  for (const auto &source : options.fields) {
    const char *value = std::getenv(source.variable.c_str());
    if (!value || !*value) {
      why = "variable " + source.variable + " (for field `" + source.field + "`) is " + (value ? "empty" : "not set");
      return false;
    }
    values_.emplace_back(source.field, value);
  }
  return true;
}

bool SealValues::from_stdin(const SealOptions &options, std::string &why) {
  // One allocation up front: the buffer never moves, so no stray copy of a value is left behind.
  std::string &buffer = input_.str();
  buffer.resize(kMaxInputBytes + 1);
  size_t size = 0;
  while (size < buffer.size()) {
    ssize_t n = ::read(STDIN_FILENO, buffer.data() + size, buffer.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::string("cannot read standard input: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > kMaxInputBytes) {
    why = "standard input is larger than 1 MiB, the limit of a Kubernetes Secret";
    return false;
  }
  buffer.resize(size);
  if (options.fields.size() == 1) {
    if (buffer.empty()) {
      why = "standard input is empty; it should hold the value of field `" + options.fields[0].field + "`";
      return false;
    }
    values_.emplace_back(options.fields[0].field, input_.view());
    return true;
  }
  return parse_lines(why);
}

// FIELD=VALUE, one a line; blank lines and lines starting with '#' are skipped, a trailing '\r' is dropped.
// Errors name the line number only, since the line may hold a value.
bool SealValues::parse_lines(std::string &why) {
  std::string_view text = input_.view();
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    std::string field(line.substr(0, eq == std::string_view::npos ? 0 : eq));
    if (eq == std::string_view::npos || !secrets::valid_field_name(field)) {
      why = "standard input line " + std::to_string(line_number) +
            " is not FIELD=VALUE with a field name of letters, digits, `-`, `_` and `.`";
      return false;
    }
    if (eq + 1 == line.size()) {
      why = "standard input line " + std::to_string(line_number) + " gives field `" + field + "` no value";
      return false;
    }
    for (const auto &[seen, value] : values_)
      if (seen == field) {
        why = "standard input gives field `" + field + "` twice (line " + std::to_string(line_number) + ")";
        return false;
      }
    values_.emplace_back(std::move(field), line.substr(eq + 1));
  }
  if (values_.empty()) {
    why = "standard input holds no FIELD=VALUE line";
    return false;
  }
  return true;
}

} // namespace ssmd::sealed
