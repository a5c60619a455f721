// The run-time half of a `sealed-secret/<name>` key: inside the cluster the controller has unsealed the
// SealedSecret into a Secret, and the pod mounts it as a directory with one file per field (Kubernetes makes
// each file a symlink into a `..data` directory it swaps atomically on update).
#pragma once

#include <ssmd/plugin.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace ssmd::sealed {

// Reads every field of the key from the mounted Secret directory and emits it. Missing files are reported
// as `secrets/missing-field`; a missing or unreadable directory as `sealed-secret/mount` (SSMD_ENV_ERROR).
ssmd_status read_mounted_secret(const Host &host, const SecretRequest &req, const std::string &name,
                                const std::function<void(std::string_view, std::string_view)> &emit,
                                Diagnostics &out);

} // namespace ssmd::sealed
