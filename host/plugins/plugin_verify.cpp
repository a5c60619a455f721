#include "plugins/plugin_verify.hpp"

#include "plugins/plugin_rules.hpp"

#include <cstddef>
#include <set>
#include <utility>

namespace ssmd {

namespace {

// No plugin needs more registrations than this; a larger count is a corrupt table.
constexpr size_t kMaxRegistrations = 1024;

std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

// The smallest struct_size that holds every field of ABI 1.0 the host reads: all but `reserved`.
template <class T> constexpr uint32_t fields_size() { return static_cast<uint32_t>(offsetof(T, reserved)); }

// ABI 1.3 gave two of `ssmd_plugin`'s reserved slots to `publishers` and `publisher_count`; the struct must
// keep its 1.0 size and layout, or older plugins' tables would be read wrongly.
static_assert(sizeof(void *) != 8 || sizeof(ssmd_plugin) == 184, "ssmd_plugin changed size");
static_assert(sizeof(void *) != 8 || offsetof(ssmd_plugin, publishers) == 120, "ssmd_plugin's publishers moved");

using Registered = std::set<std::pair<std::string, std::string>>;

// Collects the names of one array of extension tables, checking each table as it goes.
template <class T, class Check>
std::optional<std::string> collect(const T *const *items, size_t count, const char *kind, ssmd_str T::*name_field,
                                   Check &&check, Registered &out) {
  constexpr uint32_t minimum = fields_size<T>();
  if (count > kMaxRegistrations) return std::string("registers too many ") + kind + " entries";
  if (count > 0 && !items) return std::string("registers ") + std::to_string(count) + " " + kind + " entries but no table";
  for (size_t i = 0; i < count; ++i) {
    const T *t = items[i];
    if (!t) return std::string(kind) + " entry " + std::to_string(i) + " is NULL";
    if (t->struct_size < minimum)
      return std::string(kind) + " entry " + std::to_string(i) + " is too small (struct_size " +
             std::to_string(t->struct_size) + ", at least " + std::to_string(minimum) + " expected)";
    std::string name = text(t->*name_field);
    if (auto why = check(*t)) return std::string(kind) + " '" + name + "' " + *why;
    if (!out.insert({kind, name}).second) return std::string("registers ") + kind + " '" + name + "' twice";
  }
  return std::nullopt;
}

std::optional<std::string> missing(bool present, const char *field) {
  if (present) return std::nullopt;
  return std::string("has no ") + field + " function";
}

} // namespace

PluginTableReview review_plugin_table(const ssmd_plugin *p, const Manifest &m) {
  PluginTableReview review;
  auto fail = [&](std::string why) {
    review.errors.push_back(std::move(why));
    return review;
  };
  if (!p) return fail(std::string(SSMD_PLUGIN_ENTRY_SYMBOL) + " returned NULL");
  if (p->struct_size < fields_size<ssmd_plugin>())
    return fail("its ssmd_plugin table is too small (struct_size " + std::to_string(p->struct_size) + ")");
  if (p->abi_major != SSMD_ABI_VERSION_MAJOR)
    return fail("its code was built for plugin ABI " + std::to_string(p->abi_major) + "." +
                std::to_string(p->abi_minor) + " although its manifest says " + std::to_string(m.abi_major) + "." +
                std::to_string(m.abi_minor));
  if (text(p->name) != m.name || text(p->version) != m.version)
    return fail("its code says it is '" + text(p->name) + "' " + text(p->version) + ", but its manifest says '" +
                m.name + "' " + m.version);

  // A malformed array cannot be read any further, so the first problem in one ends the review.
  Registered registered;
  std::optional<std::string> why;
  if ((why = collect(p->feed_validators, p->feed_validator_count, "feed",
                     &ssmd_feed_validator::exchange,
                     [](const ssmd_feed_validator &t) { return missing(t.check_feed, "check_feed"); }, registered)))
    return fail(*why);
  if ((why = collect(p->schema_formats, p->schema_format_count, "schema-format", &ssmd_schema_format::format,
                     [](const ssmd_schema_format &t) { return missing(t.check, "check"); }, registered)))
    return fail(*why);
  if ((why = collect(p->secret_backends, p->secret_backend_count, "secret",
                     &ssmd_secret_backend::prefix,
                     [](const ssmd_secret_backend &t) { return missing(t.check && t.resolve, "check or resolve"); },
                     registered)))
    return fail(*why);
  if ((why = collect(p->storage_backends, p->storage_backend_count, "storage",
                     &ssmd_storage_backend::scheme,
                     [](const ssmd_storage_backend &t) { return missing(t.list && t.fetch, "list or fetch"); },
                     registered)))
    return fail(*why);
  // ABI 1.3 took two reserved slots for publishers; a plugin built against an older minor version left
  // them NULL, and its struct (of the same size) is not read there.
  if (p->abi_minor >= 3 &&
      (why = collect(p->publishers, p->publisher_count, "publisher", &ssmd_publisher::scheme,
                     [](const ssmd_publisher &t) { return missing(t.prepare && t.read && t.apply, "prepare, read or apply"); },
                     registered)))
    return fail(*why);
  if ((why = collect(p->subcommands, p->subcommand_count, "command", &ssmd_subcommand::name,
                     [](const ssmd_subcommand &t) { return missing(t.run, "run"); }, registered)))
    return fail(*why);

  Registered declared;
  for (const auto &provided : m.provides) declared.insert({provided.kind, provided.name});
  for (const auto &command : m.commands) declared.insert({"command", command.name});
  for (const auto &[kind, name] : registered)
    if (!declared.count({kind, name}))
      review.errors.push_back("it registers " + kind + " '" + name + "', which its manifest does not declare");
  for (const auto &[kind, name] : declared)
    if (!registered.count({kind, name}))
      review.errors.push_back("its manifest declares " + kind + " '" + name + "', which its code does not register");
  // Listings, SARIF output and team settings show and name these rules: a malformed table would make them lie.
  RuleTableReview rules = review_rule_tables(*p);
  review.errors.insert(review.errors.end(), rules.errors.begin(), rules.errors.end());
  review.warnings = std::move(rules.warnings);
  return review;
}

std::optional<std::string> verify_plugin_table(const ssmd_plugin *p, const Manifest &m) {
  PluginTableReview review = review_plugin_table(p, m);
  if (review.errors.empty()) return std::nullopt;
  return review.errors.front();
}

} // namespace ssmd
