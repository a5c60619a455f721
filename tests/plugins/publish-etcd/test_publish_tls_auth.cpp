// Publishing over TLS with a client certificate (a throwaway CA made with openssl), and as an etcd user
// with a password: the settings come from ETCDCTL_* variables or the user's own configuration, never from
// the repository, and a password never reaches the output.
#include "publish_fixture.hpp"

using namespace ssmd;
using namespace ssmd::test;

TEST(PublishTls, ClientCertificatesAndTheCaComeFromTheEnvironmentOrTheUsersConfiguration) {
  EtcdServer etcd(EtcdOptions{true});
  PublishRepo repo;
  const auto &certs = etcd.certs();
  const std::map<std::string, std::string> tls = {{"ETCDCTL_CACERT", certs.ca.string()},
                                                  {"ETCDCTL_CERT", certs.client_cert.string()},
                                                  {"ETCDCTL_KEY", certs.client_key.string()}};
  RunResult r = repo.publish({"--all", "--to", etcd.url("/tls/env")}, tls);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(etcd.get("/tls/env/environments/kalshi-prod"), "\"name\":\"kalshi-prod\""));

  // The same from the user's own file.
  repo.write("../home/.config/ssmd/config.yaml", "etcd:\n  cacert: " + certs.ca.string() + "\n  cert: " +
                                                     certs.client_cert.string() + "\n  key: " + certs.client_key.string() + "\n");
  RunResult user = repo.publish({"--all", "--to", etcd.url("/tls/user")});
  EXPECT_EQ(user.exit_code, 0) << user.out << user.err;
  std::filesystem::remove(repo.base() / "home/.config/ssmd/config.yaml");

  // A server certificate from another CA is refused; so is a missing client certificate.
  RunResult wrong = repo.publish({"--all", "--to", etcd.url("/tls/wrong")},
                                 {{"ETCDCTL_CACERT", certs.other_ca.string()}, {"ETCDCTL_DIAL_TIMEOUT", "500ms"}});
  EXPECT_EQ(wrong.exit_code, 3) << wrong.out << wrong.err;
  EXPECT_TRUE(contains(wrong.err, "certificate")) << wrong.err;
  RunResult anonymous = repo.publish({"--all", "--to", etcd.url("/tls/anonymous")},
                                     {{"ETCDCTL_CACERT", certs.ca.string()}, {"ETCDCTL_DIAL_TIMEOUT", "500ms"}});
  EXPECT_EQ(anonymous.exit_code, 3) << anonymous.out << anonymous.err;

  // The repository's own configuration may not choose certificates: with only it, TLS fails.
  repo.write(".ssmd/config.yaml", "etcd:\n  cacert: " + certs.ca.string() + "\n  cert: " + certs.client_cert.string() +
                                      "\n  key: " + certs.client_key.string() + "\n");
  RunResult from_repo = repo.publish({"--all", "--to", etcd.url("/tls/repo")}, {{"ETCDCTL_DIAL_TIMEOUT", "500ms"}});
  EXPECT_EQ(from_repo.exit_code, 3) << from_repo.out << from_repo.err;
  EXPECT_EQ(etcd.get("/tls/repo/index"), "");

  // TLS settings with a plain etcd:// URL would send everything in the clear: refused before connecting.
  RunResult plain = repo.publish({"--all", "--to", "etcd://" + etcd.endpoint() + "/tls/plain"}, tls);
  EXPECT_EQ(plain.exit_code, 3) << plain.err;
  EXPECT_TRUE(contains(plain.err, "use etcd+https://")) << plain.err;
}

TEST(PublishAuth, AUserAndPasswordLogInAndTheyAreNeverPrinted) {
  EtcdServer etcd;
  for (const char *step : {"user add root:rootpw", "role add root", "user grant-role root root", "role add publisher",
                           "role grant-permission publisher --prefix=true readwrite /auth/ok/",
                           "user add ssmd:s3cret-Pw", "user grant-role ssmd publisher", "auth enable"}) {
    RunResult r = etcd.etcdctl(step);
    if (std::string(step) != "role add root") {
      ASSERT_EQ(r.exit_code, 0) << step << ": " << r.err;
    }
  }
  PublishRepo repo;
  RunResult r = repo.publish({"--all", "--to", etcd.url("/auth/ok")}, {{"ETCDCTL_USER", "ssmd:s3cret-Pw"}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(etcd.get("/auth/ok/environments/kalshi-dev", "root:rootpw"), "\"name\":\"kalshi-dev\""));
  EXPECT_FALSE(contains(r.out + r.err, "s3cret-Pw"));

  // The password on its own variable, and from the user's own file.
  RunResult split = repo.publish({"--all", "--check", "--to", etcd.url("/auth/ok")},
                                 {{"ETCDCTL_USER", "ssmd"}, {"ETCDCTL_PASSWORD", "s3cret-Pw"}});
  EXPECT_EQ(split.exit_code, 0) << split.out << split.err;
  repo.write("../home/.config/ssmd/config.yaml", "etcd:\n  user: ssmd\n  password: s3cret-Pw\n");
  EXPECT_EQ(repo.publish({"--all", "--check", "--to", etcd.url("/auth/ok")}).exit_code, 0);
  std::filesystem::remove(repo.base() / "home/.config/ssmd/config.yaml");

  RunResult wrong = repo.publish({"--all", "--to", etcd.url("/auth/ok")}, {{"ETCDCTL_USER", "ssmd:Wrong-Guess-42"}});
  EXPECT_EQ(wrong.exit_code, 3) << wrong.out << wrong.err;
  EXPECT_TRUE(contains(wrong.err, "etcd refused user 'ssmd'")) << wrong.err;
  EXPECT_FALSE(contains(wrong.out + wrong.err, "Wrong-Guess-42"));

  RunResult nobody = repo.publish({"--all", "--to", etcd.url("/auth/ok")});
  EXPECT_EQ(nobody.exit_code, 3) << nobody.out << nobody.err;
  EXPECT_TRUE(contains(nobody.err, "requires authentication")) << nobody.err;

  // The user may write /auth/ok/ only.
  RunResult elsewhere = repo.publish({"--all", "--to", etcd.url("/auth/other")}, {{"ETCDCTL_USER", "ssmd:s3cret-Pw"}});
  EXPECT_EQ(elsewhere.exit_code, 3) << elsewhere.out << elsewhere.err;
  EXPECT_TRUE(contains(elsewhere.err, "permission denied")) << elsewhere.err;
}
