#include "validate/team_settings_check.hpp"

#include "core/suggest.hpp"
#include "schema/finding_category.hpp"
#include "validate/rule_severities.hpp"
#include "yaml/document.hpp"

#include <algorithm>
#include <regex>
#include <vector>

namespace ssmd::validate {

namespace {

// ssmd.yaml's own sections and the configuration keys the host reads (docs/cli.md, `ssmd config show`).
const std::vector<std::string> k_sections = {"version", "rules", "breaking", "check_keys", "data", "validate"};
const std::vector<std::string> k_host_keys = {"output", "color", "secrets"};
// Keys that choose which code runs or where data is sent: read from trusted layers only, and refused in a
// committed file.
const std::vector<std::string> k_not_allowed = {"plugin_path", "publish"};

const std::vector<std::string> k_data_keys = {"type", "raw", "normalized", "url", "path"};
const std::vector<std::string> k_breaking_keys = {"fail_on"};
const std::vector<std::string> k_validate_keys = {"plugin_timeout", "disabled_rules"};
const std::vector<std::string> k_check_keys_keys = {"fail_on"};
// The key statuses `ssmd env check-keys` can be told to fail on (its `--fail-on`).
const std::vector<std::string> k_check_keys_statuses = {"rotation-due", "unknown-age"};

bool contains(const std::vector<std::string> &list, const std::string &word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

class Checker {
public:
  Checker(const std::string &file, Diagnostics &out) : file_(file), out_(out) {}

  void add(Severity severity, const char *rule, yaml::Mark at, const std::string &message) {
    out_.push_back(Diagnostic{file_, at.line ? at.line : 1, at.column ? at.column : 1, severity, rule, message});
  }

  // Unknown keys of a section, with the closest known one suggested.
  void only_keys(const yaml::Node &map, const std::string &section, const std::vector<std::string> &known) {
    for (size_t i = 0; i < map.size(); ++i) {
      const std::string &key = map.key_at(i);
      if (contains(known, key)) continue;
      std::string list;
      for (const auto &k : known) list += (list.empty() ? "`" : ", `") + k + "`";
      auto near = closest(key, known);
      add(Severity::Error, "settings/unknown-key", map.key_mark(i),
          "`" + section + "` has no key `" + key + "`" + (near ? "; did you mean `" + *near + "`?" : "") +
              " (its keys are " + list + ")");
    }
  }

  // True when `node` is a mapping; otherwise reports it.
  bool expect_map(const yaml::Node *node, const std::string &what) {
    if (!node || node->is_map()) return node != nullptr;
    if (node->is_null()) return false; // an empty section, every entry commented out
    add(Severity::Error, "settings/wrong-type", node->mark(), "`" + what + "` must be a mapping");
    return false;
  }

  void expect_scalar(const yaml::Node *node, const std::string &what, const char *type = "a string") {
    if (node && !node->is_scalar() && !node->is_null())
      add(Severity::Error, "settings/wrong-type", node->mark(), "`" + what + "` must be " + type);
  }

  void expect_string_list(const yaml::Node *node, const std::string &what) {
    if (!node || node->is_null()) return;
    bool ok = node->is_sequence();
    for (size_t i = 0; ok && i < node->size(); ++i) ok = node->at(i)->is_scalar();
    if (!ok) add(Severity::Error, "settings/wrong-type", node->mark(), "`" + what + "` must be a list of strings");
  }

private:
  std::string file_;
  Diagnostics &out_;
};

void check_version(Checker &c, const yaml::Node &root) {
  const yaml::Node *version = root.get("version");
  if (!version) {
    c.add(Severity::Warning, "settings/version", root.mark(),
          "ssmd.yaml has no `version:`; add `version: 1` so a later ssmd reads it as this one does");
    return;
  }
  if (!version->is_scalar() || version->scalar() != "1")
    c.add(Severity::Error, "settings/version", version->mark(),
          "this ssmd reads ssmd.yaml `version: 1`, not " +
              (version->is_scalar() ? "`" + version->scalar() + "`" : std::string("this value")));
}

void check_rules(Checker &c, const yaml::Node *rules, const std::set<std::string, std::less<>> &core_rule_ids) {
  if (!c.expect_map(rules, "rules")) return;
  // A rule id as ssmd spells them (`kalshi/endpoint-host`, `capnp/removal/field-removed`), or a family
  // ending in `/*`. A dot would split the configuration key, so none is allowed.
  static const std::regex shape(R"(^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*(/\*)?$)");
  std::vector<std::string> core(core_rule_ids.begin(), core_rule_ids.end());
  std::set<std::string> core_families;
  for (const auto &id : core_rule_ids) core_families.insert(id.substr(0, id.find('/')));
  for (size_t i = 0; i < rules->size(); ++i) {
    const std::string &rule = rules->key_at(i);
    const yaml::Node *value = rules->at(i);
    if (!std::regex_match(rule, shape)) {
      c.add(Severity::Error, "settings/rule-level", rules->key_mark(i),
            "`" + rule + "` is not a rule id (`family/name`, e.g. `kalshi/endpoint-host`) or a family (`acme/*`)");
      continue;
    }
    auto level = value->is_scalar() ? parse_rule_level(value->scalar()) : std::nullopt;
    if (!level) {
      c.add(Severity::Error, "settings/rule-level", value->mark(),
            "rules." + rule + " must be `off`, `warning` or `error`" +
                (value->is_scalar() ? ", not `" + value->scalar() + "`" : std::string()));
      continue;
    }
    if (is_protected_rule(rule) && (!*level || **level != Severity::Error)) {
      c.add(Severity::Error, "settings/rule-level", value->mark(),
            "`" + rule + "` cannot be lowered: plugin/* and io/* findings always count (a missing, failed or "
                         "excluded plugin, a file that could not be read); it may only be raised to `error`");
      continue;
    }
    const std::string family = rule.substr(0, rule.find('/'));
    if (!rule.ends_with("/*") && core_families.count(family) && !core_rule_ids.count(rule)) {
      auto near = closest(rule, core);
      c.add(Severity::Warning, "settings/unknown-rule", rules->key_mark(i),
            "no core rule is called `" + rule + "`" + (near ? "; did you mean `" + *near + "`?" : "") +
                " (`ssmd rules list` lists every rule)");
    }
  }
}

void check_breaking(Checker &c, const yaml::Node *breaking) {
  if (!c.expect_map(breaking, "breaking")) return;
  c.only_keys(*breaking, "breaking", k_breaking_keys);
  const yaml::Node *fail_on = breaking->get("fail_on");
  c.expect_string_list(fail_on, "breaking.fail_on");
  std::vector<std::string> names;
  for (auto category : schema::comparison_categories()) names.emplace_back(schema::category_name(category));
  for (size_t i = 0; fail_on && fail_on->is_sequence() && i < fail_on->size(); ++i) {
    const yaml::Node *item = fail_on->at(i);
    if (!item->is_scalar() || schema::category_named(item->scalar())) continue;
    std::string list;
    for (const auto &n : names) list += (list.empty() ? "`" : ", `") + n + "`";
    auto near = closest(item->scalar(), names);
    c.add(Severity::Error, "settings/wrong-type", item->mark(),
          "`breaking.fail_on` has no category `" + item->scalar() + "`" +
              (near ? "; did you mean `" + *near + "`?" : "") + " (the categories are " + list + ")");
  }
}

void check_check_keys(Checker &c, const yaml::Node *section) {
  if (!c.expect_map(section, "check_keys")) return;
  c.only_keys(*section, "check_keys", k_check_keys_keys);
  const yaml::Node *fail_on = section->get("fail_on");
  if (!fail_on || fail_on->is_null()) return;
  std::vector<const yaml::Node *> items;
  if (fail_on->is_scalar()) items.push_back(fail_on);
  for (size_t i = 0; fail_on->is_sequence() && i < fail_on->size(); ++i) items.push_back(fail_on->at(i));
  if (items.empty() && !fail_on->is_sequence()) {
    c.add(Severity::Error, "settings/wrong-type", fail_on->mark(), "`check_keys.fail_on` must be a list of statuses");
    return;
  }
  for (const yaml::Node *item : items)
    if (!item->is_scalar() || !contains(k_check_keys_statuses, item->scalar()))
      c.add(Severity::Error, "settings/wrong-type", item->mark(),
            "`check_keys.fail_on` takes `rotation-due` and `unknown-age`" +
                (item->is_scalar() ? ", not `" + item->scalar() + "`" : std::string()));
}

void check_data(Checker &c, const yaml::Node *data) {
  if (!c.expect_map(data, "data")) return;
  c.only_keys(*data, "data", k_data_keys);
  for (const auto &key : k_data_keys) c.expect_scalar(data->get(key), "data." + key);
}

void check_validate(Checker &c, const yaml::Node *validate) {
  if (!c.expect_map(validate, "validate")) return;
  c.only_keys(*validate, "validate", k_validate_keys);
  c.expect_scalar(validate->get("plugin_timeout"), "validate.plugin_timeout", "a number of seconds");
  c.expect_string_list(validate->get("disabled_rules"), "validate.disabled_rules");
}

} // namespace

Diagnostics check_team_settings(const std::string &file, std::string_view text,
                                const std::set<std::string> &plugin_sections,
                                const std::set<std::string, std::less<>> &core_rule_ids) {
  Diagnostics out;
  auto doc = yaml::Document::parse(file, text, out);
  // A file of comments only sets nothing, like `ssmd init`'s before anything is uncommented.
  std::erase_if(out, [](const Diagnostic &d) { return d.rule == "yaml/empty"; });
  if (!doc) return out;
  const yaml::Node *root = doc->root();
  if (!root || root->is_null()) return out; // an empty file sets nothing
  Checker c(file, out);
  if (!root->is_map()) {
    c.add(Severity::Error, "settings/wrong-type", root->mark(), "ssmd.yaml must be a mapping of settings");
    return out;
  }
  check_version(c, *root);
  check_rules(c, root->get("rules"), core_rule_ids);
  check_breaking(c, root->get("breaking"));
  check_check_keys(c, root->get("check_keys"));
  check_data(c, root->get("data"));
  check_validate(c, root->get("validate"));
  for (const auto &key : k_host_keys)
    if (key != "secrets") c.expect_scalar(root->get(key), key);

  std::vector<std::string> known = k_sections;
  known.insert(known.end(), k_host_keys.begin(), k_host_keys.end());
  for (size_t i = 0; i < root->size(); ++i) {
    const std::string &key = root->key_at(i);
    if (contains(known, key) || plugin_sections.count(key)) continue;
    if (key == "publish") {
      c.add(Severity::Error, "settings/not-allowed", root->key_mark(i),
            "`publish` cannot be set in a committed file: a repository may judge findings, never choose where "
            "ssmd publishes; it is ignored. Set publish.to in your own configuration, with --to or SSMD_PUBLISH_TO");
      continue;
    }
    if (contains(k_not_allowed, key)) {
      c.add(Severity::Error, "settings/not-allowed", root->key_mark(i),
            "`" + key + "` cannot be set in a committed file: a repository may judge findings, never choose which "
                        "plugins run; it is ignored. Set it in your own configuration, with --plugin-path or "
                        "SSMD_PLUGIN_PATH");
      continue;
    }
    // A near miss of ssmd's own sections is a typo that would silently drop the team's settings: an error.
    // Any other name may be the section of a plugin that is not installed here: a warning.
    auto near = closest(key, k_sections);
    std::string message = "ssmd.yaml has no section `" + key + "`";
    if (near) {
      c.add(Severity::Error, "settings/unknown-key", root->key_mark(i), message + "; did you mean `" + *near + "`?");
      continue;
    }
    std::string sections;
    for (const auto &s : k_sections) sections += (sections.empty() ? "`" : ", `") + s + "`";
    c.add(Severity::Warning, "settings/unknown-key", root->key_mark(i),
          message + ", and no installed plugin provides `" + key + "` (its own sections are " + sections +
              "; a plugin's section is named after what it provides, e.g. `capnp`)");
  }
  return out;
}

} // namespace ssmd::validate
