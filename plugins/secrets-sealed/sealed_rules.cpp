// The rules of the `sealed-secret` backend, for its rule table (`ssmd rules list`); README.md lists the same.
#include "common_rules.hpp"
#include "sealed_backend.hpp"

namespace ssmd::sealed {

std::vector<Rule> SealedBackend::rules() const {
  const std::string readme = "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-sealed/README.md";
  const std::string sealed_secrets = "https://github.com/bitnami-labs/sealed-secrets";
  std::vector<Rule> out = {
      {"sealed-secret/reference", "Checks that the source is sealed-secret/NAME with a valid Kubernetes name.",
       "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/", SSMD_SEVERITY_ERROR, "reference"},
      {"sealed-secret/config", "Checks that secrets.sealed_dir names a directory inside the repository and "
                               "secrets.sealed_mount is a string.",
       readme, SSMD_SEVERITY_ERROR, "config"},
      {"sealed-secret/manifest-missing", "Warns when the repository holds no SealedSecret manifest for the name, "
                                         "which may live in the cluster's repository instead.",
       readme, SSMD_SEVERITY_WARNING, "manifest"},
      {"sealed-secret/manifest-invalid", "Checks that the manifest parses and is the only SealedSecret of the name, "
                                         "with spec.encryptedData and spec.template.",
       sealed_secrets, SSMD_SEVERITY_ERROR, "manifest"},
      {"sealed-secret/field-not-sealed", "Checks that every field of the key is in the manifest's "
                                         "spec.encryptedData (a warning for a key that is not required).",
       sealed_secrets, SSMD_SEVERITY_ERROR, "manifest"},
      {"sealed-secret/ciphertext", "Checks that each sealed value is base64 shaped like kubeseal's output.",
       sealed_secrets, SSMD_SEVERITY_ERROR, "manifest"},
      {"sealed-secret/mount", "Checks at run time that the Secret is mounted and each field's file is a readable "
                              "regular file of at most 1 MiB.",
       readme, SSMD_SEVERITY_ERROR, "value"},
  };
  for (auto &rule : secrets::common_rules()) out.push_back(std::move(rule));
  return out;
}

} // namespace ssmd::sealed
