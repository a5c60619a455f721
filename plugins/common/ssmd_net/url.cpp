#include "url.hpp"

#include <curl/curl.h>

#include <memory>

namespace ssmd::net {

namespace {

struct UrlFree {
  void operator()(CURLU *url) const { curl_url_cleanup(url); }
};

// The part `which` of `url`, or nullopt when the URL has none.
std::optional<std::string> part(CURLU *url, CURLUPart which) {
  char *text = nullptr;
  if (curl_url_get(url, which, &text, 0) != CURLUE_OK || !text) return std::nullopt;
  std::string out(text);
  curl_free(text);
  return out;
}

std::string ascii_lower(std::string text) {
  for (char &c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

UrlFault fault_of(CURLUcode code) {
  switch (code) {
  case CURLUE_NO_HOST: return UrlFault::no_host;
  case CURLUE_BAD_HOSTNAME: return UrlFault::bad_host;
  case CURLUE_BAD_IPV6: return UrlFault::bad_ipv6;
  case CURLUE_BAD_PORT_NUMBER: return UrlFault::bad_port;
  default: return UrlFault::malformed;
  }
}

std::optional<Url> fail(UrlError *error, UrlFault fault, std::string reason) {
  if (error) *error = {fault, std::move(reason)};
  return std::nullopt;
}

} // namespace

std::optional<Url> parse_url(std::string_view text, UrlError *error) {
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return fail(error, UrlFault::not_absolute, "a URL holds no white space or control character");
  // libcurl also takes "https:/h" and reads "https:///h" as host "h"; a URL here spells out "://" and its host.
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0 || text.substr(0, sep).find_first_of("/?#") != std::string_view::npos)
    return fail(error, UrlFault::not_absolute, "not an absolute URL (scheme://host...)");
  if (text.substr(sep + 3).starts_with("/")) return fail(error, UrlFault::no_host, "No host part in the URL");

  std::unique_ptr<CURLU, UrlFree> url(curl_url());
  if (!url) return fail(error, UrlFault::malformed, "out of memory");
  // The text has no NUL byte (checked above), so its C string is all of it.
  const std::string copy(text);
  if (CURLUcode code = curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME | CURLU_PATH_AS_IS))
    return fail(error, fault_of(code), curl_url_strerror(code));

  Url out;
  out.scheme = ascii_lower(part(url.get(), CURLUPART_SCHEME).value_or(""));
  out.host = ascii_lower(part(url.get(), CURLUPART_HOST).value_or(""));
  if (out.host.empty()) return fail(error, UrlFault::no_host, "No host part in the URL");
  // libcurl keeps an IPv6 zone ("[fe80::1%25eth0]") apart; it belongs to the address the URL names.
  if (auto zone = part(url.get(), CURLUPART_ZONEID); zone && out.host.ends_with("]"))
    out.host.insert(out.host.size() - 1, "%25" + *zone);
  out.port = part(url.get(), CURLUPART_PORT);
  out.path = part(url.get(), CURLUPART_PATH).value_or("/");
  out.has_userinfo = part(url.get(), CURLUPART_USER) || part(url.get(), CURLUPART_PASSWORD) ||
                     part(url.get(), CURLUPART_OPTIONS);
  out.has_query = part(url.get(), CURLUPART_QUERY).has_value();
  out.has_fragment = part(url.get(), CURLUPART_FRAGMENT).has_value();
  return out;
}

} // namespace ssmd::net
