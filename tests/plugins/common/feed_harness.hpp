// Shared by the feed-plugin suites: runs a plugin's feed validator through its C table, exactly as the host
// does, over documents written in the tests, and asserts on what it reported.
#pragma once

#include "plugin_harness.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ssmd::test {

// One feed version written field by field, so a test changes exactly the field it is about.
class Version {
public:
  Version(std::initializer_list<std::pair<std::string, std::string>> fields) : fields_(fields) {}
  // Replaces the value of `key`, or appends the field when it is new. `value` is YAML text.
  Version &set(const std::string &key, const std::string &value) {
    for (auto &field : fields_)
      if (field.first == key) {
        field.second = value;
        return *this;
      }
    fields_.emplace_back(key, value);
    return *this;
  }
  Version &drop(const std::string &key) {
    std::erase_if(fields_, [&](const auto &field) { return field.first == key; });
    return *this;
  }
  // The version as an item of `versions:`.
  std::string yaml() const {
    std::string out;
    for (size_t i = 0; i < fields_.size(); ++i)
      out += (i == 0 ? "  - " : "    ") + fields_[i].first + ": " + fields_[i].second + "\n";
    return out;
  }

private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A whole feed document around `versions`.
inline std::string feed_yaml(const std::string &name, const std::string &type, const std::vector<Version> &versions) {
  std::string out = "name: " + name + "\ndisplay_name: " + name + " feed\nexchange: " + name + "\ntype: " + type +
                    "\nstatus: active\nversions:\n";
  for (const auto &v : versions) out += v.yaml();
  out += "calendar:\n  timezone: America/New_York\n  holiday_calendar: us_equity\n";
  return out;
}

// Loads `<build>/plugins/<plugin>.so` once and runs the validator for `exchange` from it.
class FeedHarness {
public:
  FeedHarness(const std::string &plugin, const std::string &exchange) : plugin_(plugin) {
    validator_ = plugin_.feed(exchange);
    if (!validator_) throw std::runtime_error(plugin + " registers no feed validator for " + exchange);
  }
  const ssmd_feed_validator &validator() const { return *validator_; }

  ssmd_status check_feed(const std::string &yaml, Collector &out) const {
    Doc doc(yaml, "exchanges/feeds/test.yaml");
    ssmd_feed_context ctx = context(doc, out);
    return validator_->check_feed(&ctx, doc.root());
  }
  ssmd_status check_environment(const std::string &env_yaml, const std::string &feed_yaml, Collector &out) const {
    Doc env(env_yaml, "exchanges/environments/test.yaml");
    Doc feed(feed_yaml, "exchanges/feeds/test.yaml");
    ssmd_feed_context ctx = context(env, out);
    return validator_->check_environment(&ctx, env.root(), feed.root());
  }
  // The ids of the rule table the host reads (ABI 1.3); the older array must list the same ones.
  std::set<std::string> rule_ids() const {
    std::set<std::string> ids, legacy;
    const ssmd_rule_table *table = validator_->rule_table;
    for (size_t i = 0; table && i < table->rule_count; ++i)
      ids.emplace(table->rules[i]->id.data, table->rules[i]->id.size);
    for (size_t i = 0; i < validator_->rule_count; ++i)
      legacy.emplace(validator_->rules[i].id.data, validator_->rules[i].id.size);
    if (ids != legacy) throw std::runtime_error("the rule table and the older rule array list different rules");
    return ids;
  }

private:
  ssmd_feed_context context(const Doc &doc, Collector &out) const {
    ssmd_feed_context ctx{};
    ctx.struct_size = sizeof(ctx);
    ctx.host = plugin_.host();
    ctx.file = str(doc.file());
    ctx.sink = out.sink();
    return ctx;
  }
  LoadedPlugin plugin_;
  const ssmd_feed_validator *validator_ = nullptr;
};

// Asserts that the only finding is `rule` at `path` (so a case fails for its one reason, and nothing else).
inline void expect_only(const Collector &c, const std::string &rule, const std::string &path) {
  ASSERT_EQ(c.findings.size(), 1u) << c.dump();
  EXPECT_EQ(c.findings[0].rule, rule) << c.dump();
  EXPECT_EQ(c.findings[0].path, path) << c.dump();
}

// Asserts that some finding is `rule` at `path`.
inline void expect_finding(const Collector &c, const std::string &rule, const std::string &path) {
  bool found = std::any_of(c.findings.begin(), c.findings.end(),
                           [&](const Finding &f) { return f.rule == rule && f.path == path; });
  EXPECT_TRUE(found) << "expected [" << rule << "] at " << path << ", got:\n" << c.dump();
}

inline void expect_clean(const Collector &c) { EXPECT_TRUE(c.findings.empty()) << c.dump(); }

inline std::string fixture(const std::string &relative) {
  return read_file(source_dir() / "tests" / "plugins" / relative);
}

} // namespace ssmd::test
