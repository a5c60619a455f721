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

// The repository-relative directory that holds SealedSecret manifests: `secrets.sealed_dir`, default
// exchanges/sealed-secrets. Nullopt, with `why`, when the configured value is not a string, is absolute or
// leaves the repository.
std::optional<std::string> manifest_dir(const Host &host, std::string &why);

// The directory a Secret named `name` is mounted at: SSMD_SEALED_SECRET_DIR, else `secrets.sealed_mount`, else
// /run/secrets/{name}. Every `{name}` in the value is replaced by the secret's name. Nullopt, with `why`, when
// `secrets.sealed_mount` is set to something other than a string.
std::optional<std::filesystem::path> mount_dir(const Host &host, const std::string &name, std::string &why);

} // namespace ssmd::sealed
