// Where sealed secrets live: the manifests in the repository (`secrets.sealed_dir`) and the mounted Secret at
// run time (`SSMD_SEALED_SECRET_DIR`, then `secrets.sealed_mount`).
#pragma once

#include <ssmd/plugin.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace ssmd::sealed {

inline constexpr const char *kDefaultManifestDir = "exchanges/sealed-secrets";
inline constexpr const char *kDefaultMount = "/run/secrets/{name}";
inline constexpr const char *kMountVariable = "SSMD_SEALED_SECRET_DIR";
inline constexpr const char *kMountSetting = "secrets.sealed_mount";

// The repository-relative directory that holds SealedSecret manifests: `secrets.sealed_dir`, default
// exchanges/sealed-secrets. Nullopt, with `why`, when the configured value is not a string, is absolute or
// leaves the repository.
std::optional<std::string> manifest_dir(const Host &host, std::string &why);

// The directory a Secret named `name` is mounted at: SSMD_SEALED_SECRET_DIR, else `secrets.sealed_mount` from a
// trusted layer (a flag, the environment, the user's own file; never the repository's files), else
// /run/secrets/{name}. Every `{name}` in the value is replaced by the secret's name. Nullopt, with `why`, when
// `secrets.sealed_mount` is set to something other than a string.
std::optional<std::filesystem::path> mount_dir(const Host &host, const std::string &name, std::string &why);
// True when only the repository's files (ssmd.yaml, .ssmd/config.yaml) set `secrets.sealed_mount`, which
// mount_dir() then ignores: for the warning that says so.
bool repository_sets_mount(const Host &host);

} // namespace ssmd::sealed
