// A real three-member etcd cluster on loopback (Debian's etcd-server), for what one server cannot show: a
// URL that names several servers, one of them down, and the leader dying in the middle of a publish. The
// members die with the test process, as EtcdServer's does.
#pragma once

#include "etcd_server.hpp"

#include <sys/types.h>

#include <string>
#include <vector>

namespace ssmd::test {

class EtcdCluster {
public:
  EtcdCluster();
  ~EtcdCluster();
  EtcdCluster(const EtcdCluster &) = delete;
  EtcdCluster &operator=(const EtcdCluster &) = delete;

  static constexpr size_t kMembers = 3;

  // "127.0.0.1:PORT" of member `i`.
  std::string endpoint(size_t i) const { return "127.0.0.1:" + std::to_string(client_ports_.at(i)); }
  // etcd://A,B,C/PREFIX with the members in the order given.
  std::string url(const std::vector<size_t> &order, const std::string &prefix) const;
  // The member that leads now, asked of the members still running.
  size_t leader() const;
  // Runs `etcdctl <args>` against the members still running.
  RunResult etcdctl(const std::string &args) const;

  void kill(size_t i); // SIGKILL member `i`, and reap it

private:
  std::string running_endpoints() const;
  TempDir dir_;
  std::vector<int> client_ports_, peer_ports_;
  std::vector<pid_t> pids_;
};

} // namespace ssmd::test
