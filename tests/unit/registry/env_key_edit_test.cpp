// `env set-key` and `env remove-key` edit one key's entry and nothing else, whatever the layout around it.
#include "core/errors.hpp"
#include "registry/env_key_edit.hpp"
#include "registry/repository.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;

namespace {

KeySpec key(const std::string &name, std::vector<std::string> fields, std::optional<int64_t> rotation = std::nullopt) {
  KeySpec k;
  k.name = name;
  k.type = "api_key";
  k.required = true;
  k.fields = std::move(fields);
  k.source = "env";
  k.rotation_days = rotation;
  return k;
}

// The text `set_environment_key` produces for environment file `text`.
std::string set(const std::string &text, const KeySpec &spec) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", text);
  Repository repo(dir.path());
  return set_environment_key(*repo.environment("e"), spec);
}

std::string remove(const std::string &text, const std::string &name) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", text);
  Repository repo(dir.path());
  return remove_environment_key(*repo.environment("e"), name);
}

const std::string k_block = "required: true\n    fields: [key_id]\n    source: env\n";

} // namespace

TEST(RegistryKeyEdit, AnEmptyOrMissingKeysSectionGetsOneAfterTheSchemas) {
  EXPECT_EQ(set("name: e\nfeed: f\nschema: t:v1\ntransport: {type: nats}\n", key("k", {"key_id"})),
            "name: e\nfeed: f\nschema: t:v1\nkeys:\n  k:\n    type: api_key\n    " + k_block + "transport: {type: nats}\n");
  EXPECT_EQ(set("name: e\nschema: t:v1\nkeys: {}\n", key("k", {"key_id"})),
            "name: e\nschema: t:v1\nkeys:\n  k:\n    type: api_key\n    " + k_block);
  EXPECT_EQ(set("name: e\nschema: t:v1", key("k", {"key_id"})),
            "name: e\nschema: t:v1\nkeys:\n  k:\n    type: api_key\n    " + k_block)
      << "a file without a final newline";
  EXPECT_EQ(set("  name: e\n  schema: t:v1\n", key("k", {"key_id"})),
            "  name: e\n  schema: t:v1\n  keys:\n    k:\n      type: api_key\n      required: true\n      fields: [key_id]\n"
            "      source: env\n")
      << "an indented root";
}

TEST(RegistryKeyEdit, ARewrittenKeyKeepsItsCommentsAndTheSettingsTheFlagsDoNotSet) {
  const std::string text = "name: e\nkeys:\n  # signing\n  k:\n    type: token\n    fields: [a]\n    source: vault/x/y\n"
                           "    rotation_days: 30\n    env:\n      a: A_VAR\n  other:\n    type: t\n    fields: [b]\n"
                           "    source: env\n";
  EXPECT_EQ(set(text, key("k", {"key_id", "private_key"})),
            "name: e\nkeys:\n  # signing\n  k:\n    type: api_key\n    required: true\n    fields: [key_id, private_key]\n"
            "    source: env\n    rotation_days: 30\n    env:\n      a: A_VAR\n  other:\n    type: t\n    fields: [b]\n"
            "    source: env\n");
  EXPECT_EQ(set(text, key("k", {"a"}, 7)).find("rotation_days: 30"), std::string::npos) << "the flag replaces it";
  EXPECT_NE(set(text, key("k", {"a"}, 7)).find("    rotation_days: 7\n"), std::string::npos);
}

TEST(RegistryKeyEdit, RemovingAKeyTakesItsCommentAndLeavesTheRest) {
  const std::string text = "name: e\nkeys:\n  # first\n  a:\n    fields: [x]\n\n  # second\n  b:\n    fields: [y]\n\n"
                           "storage: {type: local}\n";
  EXPECT_EQ(remove(text, "a"), "name: e\nkeys:\n  # second\n  b:\n    fields: [y]\n\nstorage: {type: local}\n");
  EXPECT_EQ(remove(text, "b"), "name: e\nkeys:\n  # first\n  a:\n    fields: [x]\n\n\nstorage: {type: local}\n");
  EXPECT_EQ(remove(remove(text, "a"), "b"), "name: e\n\nstorage: {type: local}\n");
  EXPECT_THROW(remove(text, "c"), DomainError);
}

TEST(RegistryKeyEdit, FlowStyleIsRefusedRatherThanRewritten) {
  EXPECT_THROW(set("name: e\nkeys: {k: {type: t, fields: [a], source: env}}\n", key("n", {"a"})), DomainError);
  EXPECT_THROW(set("name: e\nkeys:\n  k: {type: t, fields: [a], source: env, env: {a: B}}\n", key("k", {"a"})),
               DomainError);
  EXPECT_EQ(set("name: e\nkeys:\n  k: {type: t, fields: [a], source: env}\n", key("k", {"a"})),
            "name: e\nkeys:\n  k:\n    type: api_key\n    required: true\n    fields: [a]\n    source: env\n");
}

TEST(RegistryKeyEdit, FieldListsAreNames) {
  EXPECT_EQ(parse_key_fields("--fields", "key_id, private_key"), (std::vector<std::string>{"key_id", "private_key"}));
  EXPECT_THROW(parse_key_fields("--fields", "a,,b"), UsageError);
  EXPECT_THROW(parse_key_fields("--fields", "../x"), UsageError);
}
