// Where `seal` takes the values from: environment variables (one per --field), or standard input (FIELD=VALUE
// lines, or one field's value verbatim). Values stay in wiped buffers and are never printed.
#pragma once

#include "seal_options.hpp"
#include "secret_text.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmd::sealed {

class SealValues {
public:
  // Collects the values `options` asks for; false with `why` (which never holds a value) when one is missing.
  bool gather(const SealOptions &options, std::string &why);
  // (field, value) in the order given; views into the environment or the wiped stdin buffer.
  const std::vector<std::pair<std::string, std::string_view>> &values() const { return values_; }

private:
  bool from_environment(const SealOptions &options, std::string &why);
  bool from_stdin(const SealOptions &options, std::string &why);
  bool parse_lines(std::string &why);

  secrets::SecretText input_;
  std::vector<std::pair<std::string, std::string_view>> values_;
};

} // namespace ssmd::sealed
