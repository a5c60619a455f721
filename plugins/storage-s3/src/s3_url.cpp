#include "s3_url.hpp"

#include "text.hpp"

namespace ssmd::s3 {

namespace {

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool valid_bucket(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name)
    if (!alnum(c) && c != '.' && c != '-') return false;
  return name.find("..") == std::string_view::npos;
}

} // namespace

std::optional<S3Url> parse_s3_url(std::string_view url, std::string &error) {
  constexpr std::string_view scheme = "s3://";
  if (!url.starts_with(scheme)) {
    error = concat("'", url, "' is not an s3:// URL (expected s3://bucket/key)");
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  size_t slash = rest.find('/');
  S3Url out;
  out.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) out.key = std::string(rest.substr(slash + 1));
  if (!valid_bucket(out.bucket)) {
    error = concat("'", url, "' names the bucket '", out.bucket,
                   "'; bucket names have 3 to 63 characters of a-z, 0-9, '.' and '-' and start and end with a "
                   "letter or digit");
    return std::nullopt;
  }
  return out;
}

std::string folder_prefix(const S3Url &url) {
  if (url.key.empty() || url.key.back() == '/') return url.key;
  return url.key + "/";
}

} // namespace ssmd::s3
