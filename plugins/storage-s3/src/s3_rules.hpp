// The rules of the s3 storage backend, for its rule table (`ssmd rules list`); README.md lists the same,
// with the status each returns.
#pragma once

#include <ssmd/plugin.hpp>

#include <vector>

namespace ssmd::s3 {

std::vector<Rule> s3_rules();

} // namespace ssmd::s3
