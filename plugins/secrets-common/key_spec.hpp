// What every secret backend reads from a key's mapping under `keys:` in an environment:
//
//   keys:
//     kalshi:
//       required: true                 # default true
//       fields: [api_key, api_secret]
//       source: vault/secret/ssmd/kalshi
//       env: { api_key: KALSHI_KEY }   # optional: the variable that carries a field (default SSMD_<KEY>_<FIELD>)
//
// Messages name the key and the environment ("key `kalshi` of environment `kalshi-dev`"), because the same
// key name appears in many environments and the host may report the finding far from the file.
#pragma once

#include <ssmd/env.hpp>
#include <ssmd/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::secrets {

// One entry of `fields:` with its position, for the `fields[i]` diagnostic path.
struct Field {
  size_t index = 0;
  std::string name;
  std::string path() const { return "fields[" + std::to_string(index) + "]"; }
};

// "key `kalshi` of environment `kalshi-dev`".
std::string subject(const SecretRequest &req);

// The scalar entries of `fields:`, in order; items that are not scalars are skipped (check_fields reports them).
std::vector<Field> fields(const Node &spec);

// `required:` of the key; absent means true.
bool required(const Node &spec);

// Checks `fields:` (rule `secrets/fields`): a non-empty list of distinct valid names. Returns true when usable.
bool check_fields(const SecretRequest &req, Diagnostics &out);

// Checks `env:` (rule `secrets/variable-name`): a map from listed fields to valid, distinct variable names.
void check_variable_map(const SecretRequest &req, Diagnostics &out);

// True for names a field may take: letters, digits, '-', '_' and '.', not "." or "..", at most 253 bytes
// (the characters a Kubernetes Secret key allows, so every backend can carry every field).
bool valid_field_name(std::string_view name);

// The variable that carries `field`: the key's `env:` entry when it names a valid variable, else the default,
// SSMD_<KEY>_<FIELD> (ssmd::env::secret_variable_name, the host's rule too). Variable names are checked with
// ssmd::env::valid_variable_name.
std::string variable_for(const SecretRequest &req, std::string_view field);

// Reports a field the backend could not find: rule `secrets/missing-field` at `fields[i]`, an error when the
// key is required and a warning otherwise. `why` finishes the sentence and must never hold a value.
void report_missing(const SecretRequest &req, const Field &field, std::string_view why, Diagnostics &out);

} // namespace ssmd::secrets
