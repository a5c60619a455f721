// Writes a SealedSecret manifest the way kubeseal shapes it, and puts it on disk atomically.
#pragma once

#include "hybrid_encrypt.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace ssmd::sealed {

struct SealedManifest {
  std::string name;
  std::string ns; // empty only for a cluster-wide secret sealed without a namespace
  Scope scope = Scope::Strict;
  std::vector<std::pair<std::string, std::string>> encrypted; // field -> base64 sealed value, in order
};

// The manifest as YAML text: apiVersion bitnami.com/v1alpha1, kind SealedSecret, the scope annotation
// (sealedsecrets.bitnami.com/namespace-wide or cluster-wide: "true") on the object and its template.
std::string render_manifest(const SealedManifest &manifest);

// Writes `content` to `target` through a temporary file in the same directory, flushed to disk before it is
// renamed into place, so readers see the old file or the new one, never part of one. Without `replace`, an
// existing target is left alone and the call fails. Creates missing parent directories.
bool write_atomically(const std::filesystem::path &target, const std::string &content, bool replace,
                      std::string &why);

} // namespace ssmd::sealed
