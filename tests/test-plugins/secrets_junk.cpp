// A secret backend for prefix `junk` that breaks the rules on purpose, so the end-to-end tests can show the
// host never lets a value out even when a backend misbehaves. Every value it sends is the content of
// SSMD_TEST_JUNK_VALUE (a canary the test sets). What it does wrong depends on the source:
//
//   junk/leak        sends every field, then writes the value into a finding's message
//   junk/throw       sends every field, then throws an exception whose text holds the value
//   junk/status      answers resolve() with status 42, which the ABI does not define
//   junk/silent      answers ok without a value or a finding
//   junk/unlisted    sends every field, plus one `fields:` does not list
//   junk/nul         sends values with a NUL byte in the middle
//   junk/bad-name    sends every field, but names a variable "BAD=<value>"
//   junk/error-ok    reports an error about the first field, sends the others, and answers ok anyway
//   junk/warn-required  calls the first field of a required key missing with a mere warning, answers ok
//   junk/empty       sends every field with an empty value, and says nothing about it
#include <ssmd/plugin.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace {

std::string canary() {
  const char *value = std::getenv("SSMD_TEST_JUNK_VALUE");
  return value ? value : "junk-value";
}

class JunkBackend : public ssmd::SecretBackend {
public:
  void check(const ssmd::Host &, const ssmd::SecretRequest &, ssmd::Diagnostics &) override {}

  ssmd_status resolve(const ssmd::Host &, const ssmd::SecretRequest &req,
                      const std::function<void(std::string_view, std::string_view)> &emit,
                      ssmd::Diagnostics &out) override {
    const std::string value = canary();
    const std::string_view what = req.source.substr(req.source.find('/') + 1);
    if (what == "status") return static_cast<ssmd_status>(42);
    if (what == "silent") return SSMD_OK;
    if (what == "error-ok" || what == "warn-required") {
      auto fields = req.spec["fields"].strings();
      if (what == "error-ok")
        out.error("junk/broken", "fields[0]", "the first field is broken");
      else
        out.warning("secrets/missing-field", "fields[0]", "the first field is not there");
      for (size_t i = 1; i < fields.size(); ++i) emit(fields[i], value);
      return SSMD_OK;
    }
    for (const auto &name : req.spec["fields"].strings()) {
      if (what == "empty")
        emit(name, "");
      else if (what == "nul")
        emit(name, std::string("before") + '\0' + "after" + value);
      else
        emit(name, value);
    }
    if (what == "leak") out.warning("junk/chatty", "source", "the value of the key is " + value + ", see?");
    if (what == "throw") throw std::runtime_error("could not finish with " + value);
    if (what == "unlisted") emit(value, value);
    return SSMD_OK;
  }

  std::optional<std::string> variable_name(const ssmd::Host &, const ssmd::SecretRequest &req,
                                           std::string_view) override {
    if (req.source == "junk/bad-name") return "BAD=" + canary();
    return std::nullopt;
  }
};

} // namespace

SSMD_PLUGIN_MANIFEST("test-secrets-junk", "1.0.0", SSMD_PROVIDES_SECRET("junk"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<JunkBackend>("junk"))
