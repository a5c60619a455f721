// The checker writing commands hand to registry::Transaction: every rule `ssmd validate` runs, plugins
// included, on the repository before and after the change.
//
//   registry::Transaction tx(ctx.repo_root(), validate::write_checker(ctx));
//
// It honours what the Context says about plugins (--plugin-path, --plugins, --locked) and the
// configuration (validate.disabled_rules, validate.plugin_timeout). Plugin jobs run isolated, and jobs
// whose inputs are unchanged come from .ssmd/cache/validate.json, so a write on a big repository runs only
// the jobs of the files it changes. A plugin that crashes or times out throws EnvironmentError (exit 3):
// the change cannot be verified, so nothing is written. A missing plugin (none installed provides what a
// file names) is a warning for a write: no rule of it exists here to refuse the change, and `ssmd validate`
// still reports the error.
#pragma once

#include "registry/change.hpp"

namespace ssmd {
class Context;
}

namespace ssmd::validate {

// `ctx` must outlive the checker.
registry::Checker write_checker(Context &ctx);

} // namespace ssmd::validate
