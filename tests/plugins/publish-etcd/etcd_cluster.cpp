#include "etcd_cluster.hpp"

#include <ssmd_json/strict_json.hpp>

#include <csignal>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

namespace ssmd::test {

namespace {

std::string member_name(size_t i) { return "m" + std::to_string(i); }

} // namespace

EtcdCluster::EtcdCluster() {
  if (std::string(SSMD_ETCD).empty())
    throw std::runtime_error("etcd is not installed (Debian: etcd-server, etcd-client); run scripts/setup.sh");
  std::string initial;
  for (size_t i = 0; i < kMembers; ++i) {
    client_ports_.push_back(free_port());
    peer_ports_.push_back(free_port());
    initial += (i ? "," : "") + member_name(i) + "=http://127.0.0.1:" + std::to_string(peer_ports_[i]);
  }
  // All three start before any can elect: a member alone has no quorum.
  for (size_t i = 0; i < kMembers; ++i) {
    const std::string client = "http://" + endpoint(i), peer = "http://127.0.0.1:" + std::to_string(peer_ports_[i]);
    std::vector<std::string> args = {"--name=" + member_name(i),
                                     "--data-dir=" + (dir_.path() / member_name(i)).string(),
                                     "--listen-client-urls=" + client,
                                     "--advertise-client-urls=" + client,
                                     "--listen-peer-urls=" + peer,
                                     "--initial-advertise-peer-urls=" + peer,
                                     "--initial-cluster=" + initial,
                                     "--initial-cluster-state=new"};
    for (const auto &option : quick_etcd_options()) args.push_back(option);
    pids_.push_back(spawn_etcd(args, dir_.path() / (member_name(i) + ".log")));
  }
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (etcdctl("--dial-timeout=300ms --command-timeout=1s endpoint health").exit_code == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the etcd cluster did not become healthy: " + read_file(dir_.path() / "m0.log"));
}

EtcdCluster::~EtcdCluster() {
  for (size_t i = 0; i < pids_.size(); ++i) kill(i);
}

std::string EtcdCluster::url(const std::vector<size_t> &order, const std::string &prefix) const {
  std::string servers;
  for (size_t i : order) servers += (servers.empty() ? "" : ",") + endpoint(i);
  return "etcd://" + servers + prefix;
}

std::string EtcdCluster::running_endpoints() const {
  std::string out;
  for (size_t i = 0; i < pids_.size(); ++i)
    if (pids_[i] > 0) out += (out.empty() ? "" : ",") + std::string("http://") + endpoint(i);
  return out;
}

RunResult EtcdCluster::etcdctl(const std::string &args) const {
  RunOptions o;
  o.env = {{"ETCDCTL_API", "3"}};
  o.unset_env = {"ETCDCTL_USER", "ETCDCTL_PASSWORD", "ETCDCTL_CACERT", "ETCDCTL_CERT", "ETCDCTL_KEY", "ETCDCTL_ENDPOINTS"};
  return run_shell(std::string(SSMD_ETCDCTL) + " --endpoints=" + running_endpoints() + " " + args, o);
}

size_t EtcdCluster::leader() const {
  // Each member says who it is and whom it follows; their ids are 64-bit integers, read and compared whole.
  for (int attempt = 0; attempt < 100; ++attempt) {
    RunResult r = etcdctl("--command-timeout=1s endpoint status -w json");
    strict_json::Json statuses;
    if (r.exit_code == 0 && !strict_json::parse(r.out, statuses) && statuses.is_array()) {
      using strict_json::member;
      for (const auto &status : statuses) {
        const strict_json::Json *endpoint = member(status, "Endpoint"), *inner = member(status, "Status");
        const strict_json::Json *header = inner ? member(*inner, "header") : nullptr;
        const strict_json::Json *id = header ? member(*header, "member_id") : nullptr;
        const strict_json::Json *leads = inner ? member(*inner, "leader") : nullptr;
        if (!endpoint || !id || !leads || *id != *leads) continue;
        for (size_t i = 0; i < kMembers; ++i)
          if (strict_json::text_of(*endpoint) == "http://" + this->endpoint(i)) return i;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("no etcd member leads");
}

void EtcdCluster::kill(size_t i) {
  if (pids_.at(i) <= 0) return;
  ::kill(pids_[i], SIGKILL);
  ::waitpid(pids_[i], nullptr, 0);
  pids_[i] = -1;
}

} // namespace ssmd::test
