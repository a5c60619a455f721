#include "sealed_backend.hpp"

#include "key_spec.hpp"
#include "manifest_check.hpp"
#include "mounted_secret.hpp"
#include "sealed_age.hpp"
#include "sealed_reference.hpp"

namespace ssmd::sealed {

namespace {
std::optional<std::string> checked_name(const SecretRequest &req, Diagnostics &out) {
  std::string why;
  auto name = parse_reference(req.source, why);
  if (!name) out.error("sealed-secret/reference", "source", secrets::subject(req) + ": " + why);
  return name;
}
} // namespace

void SealedBackend::check(const Host &host, const SecretRequest &req, Diagnostics &out) {
  auto name = checked_name(req, out);
  bool fields_ok = secrets::check_fields(req, out);
  if (fields_ok) secrets::check_variable_map(req, out);
  if (name && fields_ok) check_manifest(host, req, *name, out);
}

ssmd_status SealedBackend::resolve(const Host &host, const SecretRequest &req,
                                   const std::function<void(std::string_view, std::string_view)> &emit,
                                   Diagnostics &out) {
  auto name = checked_name(req, out);
  if (!secrets::check_fields(req, out) || !name) return SSMD_FAILED;
  ssmd_status status = read_mounted_secret(host, req, *name, emit, out);
  report_sealed_ages(host, req, *name, out);
  return status;
}

std::optional<std::string> SealedBackend::variable_name(const Host &, const SecretRequest &req,
                                                        std::string_view field) {
  return secrets::variable_for(req, field);
}

} // namespace ssmd::sealed
