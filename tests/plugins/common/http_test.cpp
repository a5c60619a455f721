// plugins/common/ssmd_net/http: the bundled plugins' one HTTP client, against a real HTTP server on loopback
// (scripted_http_server.hpp) that answers as each test needs and shows what arrived.
#include "scripted_http_server.hpp"

#include <ssmd_net/http.hpp>

#include <curl/curl.h>
#include <gtest/gtest.h>

using namespace ssmd;
using Server = test::ScriptedHttpServer;

namespace {

net::Request request_to(const Server &server, const char *method = "GET") {
  net::Request r;
  r.method = method;
  r.url = server.url("/thing");
  r.timeout_ms = 10000;
  return r;
}

net::RetryPolicy attempts(int n) {
  net::RetryPolicy p;
  p.max_attempts = n;
  return p;
}

// A port nothing listens on: a server's, once it has gone.
int closed_port() { return Server({Server::Answer(200)}).port(); }

} // namespace

TEST(HttpClient, RetriesTransientStatusesUntilAnAnswerComes) {
  Server server({{503, "slow down"}, {429, "later"}, {200, "ok"}});
  net::HttpClient http;
  net::Response r = http.send(request_to(server), attempts(4));
  EXPECT_TRUE(r.ok()) << r.status << " " << r.error;
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(HttpClient, GivesUpAfterTheLastAttemptAndRetriesNothingElse) {
  Server busy({{503, "busy"}});
  net::HttpClient http;
  net::Response r = http.send(request_to(busy), attempts(3));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(busy.requests().size(), 3u);

  Server failing({{500, "internal"}, {200, "ok"}});
  r = http.send(request_to(failing), attempts(3));
  EXPECT_EQ(r.status, 500) << "500 is transient only where the server documents it";
  EXPECT_EQ(r.attempts, 1);
  net::RetryPolicy with_500 = attempts(3);
  with_500.also_retry = {500};
  r = http.send(request_to(failing), with_500);
  EXPECT_EQ(r.body, "ok");
}

TEST(HttpClient, NeverSendsAPostAgainThatMayHaveArrivedUnlessAllowed) {
  Server server({{503, "busy"}, {200, "ok"}});
  net::HttpClient http;
  net::Request post = request_to(server, "POST");
  post.body = "{\"put\":1}";
  net::Response r = http.send(post, attempts(3));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(server.requests().size(), 1u);

  Server silent({Server::Answer::hang_up(), {200, "ok"}});
  post.url = silent.url("/thing");
  r = http.send(post, attempts(3));
  EXPECT_EQ(r.curl_code, CURLE_GOT_NOTHING);
  EXPECT_TRUE(r.sent);
  EXPECT_EQ(silent.requests().size(), 1u) << "the server may have acted on it";

  post.may_retry = true;
  r = http.send(post, attempts(3));
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(silent.requests().size(), 2u);
}

TEST(HttpClient, APostThatNeverLeftGoesAgain) {
  net::Request post;
  post.method = "POST";
  post.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/thing";
  net::HttpClient http;
  net::Response r = http.send(post, attempts(2));
  EXPECT_EQ(r.curl_code, CURLE_COULDNT_CONNECT);
  EXPECT_FALSE(r.sent);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_FALSE(r.error.empty());
}

TEST(HttpClient, SendsHeadersAndBodyAsGivenAndNoExpectContinue) {
  Server server({{200, "ok"}});
  net::Request post = request_to(server, "POST");
  post.headers = {"Authorization: token-123", "Content-Type: application/json"};
  const std::string body(2 << 20, 'x'); // large enough that libcurl would ask for "100 Continue"
  post.body = body;
  post.user_agent = "ssmd-test/1";
  net::HttpClient http;
  EXPECT_TRUE(http.perform(post).ok());
  const std::string seen = server.requests().at(0);
  EXPECT_NE(seen.find("POST /thing HTTP/1.1\r\n"), std::string::npos);
  EXPECT_NE(seen.find("\r\nAuthorization: token-123\r\n"), std::string::npos);
  EXPECT_NE(seen.find("\r\nUser-Agent: ssmd-test/1\r\n"), std::string::npos);
  EXPECT_EQ(seen.find("Expect:"), std::string::npos);
  EXPECT_TRUE(seen.ends_with("\r\n\r\n" + body));
}

TEST(HttpClient, RefusesAHeaderLineThatWouldStartAnotherBeforeSendingAnything) {
  Server server({{200, "ok"}});
  net::Request r = request_to(server);
  r.headers = {"X-Token: abc\r\nX-Injected: yes"};
  net::HttpClient http;
  net::Response response = http.send(r, attempts(3));
  EXPECT_TRUE(response.bad_header);
  EXPECT_FALSE(response.ok());
  EXPECT_FALSE(response.sent);
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpClient, CutsErrorBodiesAndStopsAnswersThatAreTooLarge) {
  Server server({{404, std::string(1000, 'e')}, {200, std::string(1000, 'b')}});
  net::HttpClient http;
  net::Request r = request_to(server);
  r.error_body_cut = 10;
  r.max_body = 100;
  net::Response missing = http.perform(r);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, std::string(10, 'e'));
  EXPECT_EQ(missing.curl_code, 0) << "the rest is read and dropped, not an error";
  net::Response large = http.send(r, attempts(3));
  EXPECT_TRUE(large.too_large);
  EXPECT_FALSE(large.ok());
  EXPECT_EQ(large.attempts, 1);
  EXPECT_NE(large.error.find("larger than 100 bytes"), std::string::npos) << large.error;
}

TEST(HttpClient, ReportsARedirectWithoutFollowingIt) {
  Server server({{302, "", "Location: http://127.0.0.1:1/elsewhere\r\n"}, {200, "followed"}});
  net::HttpClient http;
  net::Response r = http.perform(request_to(server));
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.location, "http://127.0.0.1:1/elsewhere");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, GivesTheBodyToTheCallersSinkAnewOnEachAttempt) {
  struct Recorder : net::BodySink {
    std::string text;
    int clears = 0;
    void clear() override {
      text.clear();
      ++clears;
    }
    void append(std::string_view bytes) override { text.append(bytes); }
  } sink;
  Server server({{503, "first"}, {200, "second"}});
  net::Request r = request_to(server);
  r.sink = &sink;
  net::HttpClient http;
  net::Response response = http.send(r, attempts(2));
  EXPECT_TRUE(response.ok());
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(sink.text, "second");
  EXPECT_EQ(sink.clears, 2);
}

TEST(HttpClient, TimesOutAndRetriesATimeoutOnlyWhenAsked) {
  Server server({Server::Answer::after(500, {200, "late"})});
  net::HttpClient http;
  net::Request r = request_to(server);
  r.timeout_ms = 100;
  net::Response once = http.send(r, attempts(2));
  EXPECT_EQ(once.curl_code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(once.attempts, 1);
  net::RetryPolicy policy = attempts(2);
  policy.retry_timeouts = true;
  EXPECT_EQ(http.send(r, policy).attempts, 2);
}
