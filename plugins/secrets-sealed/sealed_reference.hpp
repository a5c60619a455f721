// `sealed-secret/<name>` references and the Kubernetes names they carry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::sealed {

inline constexpr std::string_view kPrefix = "sealed-secret";

// True for a Kubernetes object name (RFC 1123 subdomain): dot-separated labels of lower-case letters, digits
// and '-', each starting and ending with a letter or digit, at most 253 bytes. So "..", "/" and "" never pass,
// which is what makes the name safe to use as a file name.
bool valid_object_name(std::string_view name);

// True for a Kubernetes namespace (RFC 1123 label): one such label of at most 63 bytes.
bool valid_namespace(std::string_view name);

// The secret's name from a `sealed-secret/<name>` source, or nullopt with `why` set to one sentence that says
// what is allowed.
std::optional<std::string> parse_reference(std::string_view source, std::string &why);

} // namespace ssmd::sealed
