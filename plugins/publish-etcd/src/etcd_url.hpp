// The URLs publish-etcd owns:
//   etcd://HOST:PORT[,HOST:PORT...]/PREFIX        plain HTTP to etcd's client port
//   etcd+http://...                               the same, spelled out
//   etcd+https://HOST:PORT[,...]/PREFIX           TLS (etcd.cacert, etcd.cert, etcd.key; see README.md)
// HOST is a name, an IPv4 address or a bracketed IPv6 address; PORT defaults to 2379. Each HOST:PORT is
// read by libcurl's URL API (plugins/common/ssmd_net); the list and the prefix around them are not URL syntax. PREFIX is the key
// prefix, kept as written with its leading '/': etcd://h:2379/ssmd/prod writes /ssmd/prod/index and
// /ssmd/prod/environments/NAME. The prefix may not be empty (publishing at the root of a shared etcd
// would remove keys that are not ssmd's under --all).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::etcd {

struct EtcdUrl {
  bool tls = false;
  std::vector<std::string> endpoints; // "http://127.0.0.1:2379", in the order given
  std::string prefix;                 // "/ssmd/prod": no trailing '/'
};

// Nullopt with `error` (one sentence after "the URL ...") when `url` is not one of the forms above.
std::optional<EtcdUrl> parse_etcd_url(std::string_view url, std::string &error);

} // namespace ssmd::etcd
