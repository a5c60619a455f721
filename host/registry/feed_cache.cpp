#include "registry/feed_cache.hpp"

#include "version.hpp"

#include <algorithm>
#include <cstring>

namespace ssmd::registry {

namespace {
// Bump the number when the layout below, the model or what is cached changes; older entries then miss and
// are rewritten (3: only feeds the core rules pass are cached). The ssmd version is part of it too: another
// release may parse the same bytes into other diagnostics, so an upgrade must not be served what the
// previous ssmd concluded.
const std::string &magic() {
  static const std::string text = std::string("ssmd-feed-cache 3 ssmd ") + kVersion + "\n";
  return text;
}

class Writer {
public:
  void u64(uint64_t v) { out.append(reinterpret_cast<const char *>(&v), sizeof v); }
  void str(const std::string &s) {
    u64(s.size());
    out += s;
  }
  void strs(const std::vector<std::string> &items) {
    u64(items.size());
    for (const auto &s : items) str(s);
  }
  template <class T> void opt(const std::optional<T> &v) {
    u64(v ? 1 : 0);
    if (!v) return;
    if constexpr (std::is_same_v<T, Date>) u64(static_cast<uint64_t>(v->days()));
    else if constexpr (std::is_same_v<T, std::vector<std::string>>) strs(*v);
    else u64(static_cast<uint64_t>(*v));
  }
  std::string out;
};

class Reader {
public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  uint64_t u64() {
    uint64_t v = 0;
    if (in_.size() < sizeof v) return fail();
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return v;
  }
  std::string str() {
    uint64_t n = u64();
    if (!ok_ || n > in_.size()) return fail(), std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  std::vector<std::string> strs() {
    uint64_t n = u64();
    std::vector<std::string> out;
    for (uint64_t i = 0; ok_ && i < n; ++i) out.push_back(str());
    return out;
  }
  template <class T> std::optional<T> opt() {
    if (u64() != 1 || !ok_) return std::nullopt;
    if constexpr (std::is_same_v<T, Date>) return Date::from_days(static_cast<int64_t>(u64()));
    else if constexpr (std::is_same_v<T, std::vector<std::string>>) return strs();
    else return static_cast<T>(u64());
  }
  bool done() const { return ok_ && in_.empty(); }

private:
  uint64_t fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};
} // namespace

std::string encode_feed_cache(const std::string &source_hash, const Feed &feed, const Diagnostics &diagnostics) {
  Writer w;
  w.out = magic();
  w.str(source_hash);
  for (const std::string *s : {&feed.name, &feed.display_name, &feed.exchange, &feed.type, &feed.status}) w.str(*s);
  w.u64(feed.calendar ? 1 : 0);
  if (feed.calendar) {
    w.str(feed.calendar->timezone);
    w.str(feed.calendar->holiday_calendar);
  }
  w.u64(feed.versions.size());
  for (const auto &v : feed.versions) {
    w.u64(v.index);
    for (const std::string *s : {&v.version, &v.protocol, &v.endpoint, &v.auth_method}) w.str(*s);
    w.opt(v.effective_from);
    w.opt(v.effective_to);
    w.opt(v.rate_limit_per_second);
    w.opt(v.max_symbols_per_connection);
    w.opt(v.supports_orderbook);
    w.opt(v.supports_trades);
    w.opt(v.channels);
    w.strs(v.extra_fields);
    w.strs(v.extra_values);
  }
  w.u64(diagnostics.size());
  for (const auto &d : diagnostics) {
    w.str(d.file);
    w.u64(d.line);
    w.u64(d.column);
    w.u64(static_cast<uint64_t>(d.severity));
    w.str(d.rule);
    w.str(d.message);
  }
  return std::move(w.out);
}

bool decode_feed_cache(std::string_view entry, const std::string &source_hash, Feed &feed, Diagnostics &diagnostics) {
  return decode_feed_cache(entry, [&](std::string_view key) { return key == source_hash; }, feed, diagnostics);
}

bool decode_feed_cache(std::string_view entry, const std::function<bool(std::string_view key)> &accept, Feed &feed,
                       Diagnostics &diagnostics) {
  if (!entry.starts_with(magic())) return false;
  Reader r(entry.substr(magic().size()));
  if (!r.ok()) return false;
  if (std::string key = r.str(); !r.ok() || !accept(key)) return false;
  Feed f;
  for (std::string *s : {&f.name, &f.display_name, &f.exchange, &f.type, &f.status}) *s = r.str();
  if (r.u64() == 1) f.calendar = Calendar{r.str(), r.str()};
  uint64_t count = r.u64();
  // Each version takes well over 8 bytes, so a corrupt count cannot reserve more than the entry could hold.
  f.versions.reserve(static_cast<size_t>(std::min<uint64_t>(count, entry.size() / 8)));
  for (uint64_t i = 0; r.ok() && i < count; ++i) {
    FeedVersion v;
    v.index = r.u64();
    for (std::string *s : {&v.version, &v.protocol, &v.endpoint, &v.auth_method}) *s = r.str();
    v.effective_from = r.opt<Date>();
    v.effective_to = r.opt<Date>();
    v.rate_limit_per_second = r.opt<int64_t>();
    v.max_symbols_per_connection = r.opt<int64_t>();
    v.supports_orderbook = r.opt<bool>();
    v.supports_trades = r.opt<bool>();
    v.channels = r.opt<std::vector<std::string>>();
    v.extra_fields = r.strs();
    v.extra_values = r.strs();
    f.versions.push_back(std::move(v));
  }
  Diagnostics diags;
  uint64_t n = r.u64();
  for (uint64_t i = 0; r.ok() && i < n; ++i) {
    Diagnostic d;
    d.file = r.str();
    d.line = static_cast<uint32_t>(r.u64());
    d.column = static_cast<uint32_t>(r.u64());
    uint64_t severity = r.u64();
    d.severity = severity == 0 ? Severity::Error : severity == 1 ? Severity::Warning : Severity::Info;
    d.rule = r.str();
    d.message = r.str();
    diags.push_back(std::move(d));
  }
  if (!r.done()) return false;
  feed = std::move(f);
  diagnostics = std::move(diags);
  return true;
}

} // namespace ssmd::registry
