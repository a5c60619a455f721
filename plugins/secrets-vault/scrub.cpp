#include "scrub.hpp"

namespace ssmd::vault {

void Scrubber::add(std::string_view secret) {
  if (secret.size() < kMinLength) return;
  for (const auto &known : secrets_)
    if (known.view() == secret) return;
  secrets::SecretText copy(secret.size());
  copy.str().assign(secret);
  secrets_.push_back(std::move(copy));
  // A JWT is header.payload.signature; its parts are long enough to be told apart from words.
  if (secret.find('.') == std::string_view::npos) return;
  size_t start = 0;
  while (start < secret.size()) {
    size_t dot = secret.find('.', start);
    std::string_view part = secret.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.size() >= 8 && part.size() < secret.size()) add(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
}

std::string Scrubber::clean(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t longest = 0;
    for (const auto &secret : secrets_) {
      std::string_view s = secret.view();
      if (s.size() > longest && text.substr(at, s.size()) == s) longest = s.size();
    }
    if (longest) {
      out += "[redacted]";
      at += longest;
    } else {
      out += text[at++];
    }
  }
  return out;
}

} // namespace ssmd::vault
