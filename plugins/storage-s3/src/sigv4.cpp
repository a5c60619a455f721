#include "sigv4.hpp"

#include "crypto.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace ssmd::s3 {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trims leading and trailing spaces and tabs and collapses inner runs of spaces to one, as SigV4 asks.
std::string canonical_value(std::string_view value) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  size_t begin = 0, end = value.size();
  while (begin < end && blank(value[begin])) ++begin;
  while (end > begin && blank(value[end - 1])) --end;
  std::string out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    if (value[i] == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(value[i]);
  }
  return out;
}

} // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 0x0f]);
    }
  }
  return out;
}

std::string uri_encode_path(std::string_view bucket, std::string_view key) {
  std::string path = "/";
  path += uri_encode(bucket, false);
  if (!key.empty()) {
    path += '/';
    path += uri_encode(key, true);
  }
  return path;
}

std::string canonical_query(const std::vector<QueryParam> &query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto &p : query) encoded.emplace_back(uri_encode(p.name, false), uri_encode(p.value, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto &[name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name + "=" + value;
  }
  return out;
}

std::string canonical_headers(const std::vector<Header> &headers, std::string &signed_names) {
  std::map<std::string, std::string> merged; // sorted by lower-case name
  for (const auto &h : headers) {
    std::string name = lower(h.name);
    std::string value = canonical_value(h.value);
    auto [it, inserted] = merged.emplace(name, value);
    if (!inserted) it->second += "," + value;
  }
  std::string block;
  signed_names.clear();
  for (const auto &[name, value] : merged) {
    block += name + ":" + value + "\n";
    if (!signed_names.empty()) signed_names.push_back(';');
    signed_names += name;
  }
  return block;
}

SignedRequest sign_v4(const SigningRequest &request, const Credentials &credentials) {
  SignedRequest out;
  std::string signed_names;
  std::string headers = canonical_headers(request.headers, signed_names);
  out.canonical_request = request.method + "\n" + request.canonical_uri + "\n" + canonical_query(request.query) +
                          "\n" + headers + "\n" + signed_names + "\n" + request.payload_hash;

  std::string date = request.amz_date.substr(0, 8);
  std::string scope = date + "/" + request.region + "/" + request.service + "/aws4_request";
  out.string_to_sign =
      "AWS4-HMAC-SHA256\n" + request.amz_date + "\n" + scope + "\n" + sha256_hex(out.canonical_request);

  std::string key = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  key = hmac_sha256(key, request.region);
  key = hmac_sha256(key, request.service);
  key = hmac_sha256(key, "aws4_request");
  out.signature = to_hex(hmac_sha256(key, out.string_to_sign));
  out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                      ",SignedHeaders=" + signed_names + ",Signature=" + out.signature;
  return out;
}

std::string amz_date(std::time_t when) {
  std::tm utc{};
  gmtime_r(&when, &utc);
  char buffer[20];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

} // namespace ssmd::s3
