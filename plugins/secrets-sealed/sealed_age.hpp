// When each field of a `sealed-secret/<name>` key got its value: the author date of the last commit that
// changed that field's ciphertext in the committed SealedSecret manifest (kubeseal seals every value with a
// fresh session key, so a new ciphertext means a newly sealed value, and an unchanged one means the value
// stayed). A manifest whose field differs from HEAD's, or that was never committed, counts as sealed now.
// Read from the host's git history (ABI 1.3) only when the caller asks for ages (`ssmd env check-keys`).
#pragma once

#include <ssmd/plugin.hpp>

#include <string>

namespace ssmd::sealed {

// Reports, through req.report_last_set(), the age of every field of the key that the working tree's
// manifest seals. Says nothing for a field it cannot date: outside git, without a manifest, or when the
// manifest does not parse (check-keys then shows the field's age as unknown; validate reports the manifest).
// When the history cannot be read to the commit that dates a field (a version over 1 MiB, or one the host
// refuses to read), that field's age is unknown too, and a `sealed-secret/history` warning in `out` says why.
void report_sealed_ages(const Host &host, const SecretRequest &req, const std::string &name, Diagnostics &out);

} // namespace ssmd::sealed
