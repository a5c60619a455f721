// A real HTTP/1.1 server on 127.0.0.1 for plugins/common's HTTP client tests: it answers the requests it
// receives with scripted answers, in order (the last one again once they run out), one connection per
// request, and keeps the text of every request for the test to read.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ssmd::test {

class ScriptedHttpServer {
public:
  struct Answer {
    Answer(int status, std::string body = {}, std::string headers = {})
        : status(status), body(std::move(body)), headers(std::move(headers)) {}
    // Reads the request, then closes the connection without a word.
    static Answer hang_up() {
      Answer a(0);
      a.hangs_up = true;
      return a;
    }
    // `answer`, after `ms` milliseconds.
    static Answer after(int ms, Answer answer) {
      answer.delay_ms = ms;
      return answer;
    }

    int status;
    std::string body;
    std::string headers;   // extra header lines, each ending in "\r\n"
    bool hangs_up = false;
    int delay_ms = 0;
  };

  explicit ScriptedHttpServer(std::vector<Answer> answers) : answers_(std::move(answers)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(listener_, 16) != 0 || getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &length) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~ScriptedHttpServer() {
    shutdown(listener_, SHUT_RDWR); // accept() returns
    thread_.join();
    close(listener_);
  }

  int port() const { return port_; }
  std::string url(const std::string &path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

private:
  void serve() {
    for (size_t served = 0;; ++served) {
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      std::string request = read_request(connection);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const Answer &a = answers_[std::min(served, answers_.size() - 1)];
      if (a.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.delay_ms));
      if (!a.hangs_up) {
        std::string text = "HTTP/1.1 " + std::to_string(a.status) + " Scripted\r\nContent-Length: " +
                           std::to_string(a.body.size()) + "\r\nConnection: close\r\n" + a.headers + "\r\n" + a.body;
        for (size_t at = 0; at < text.size();) {
          ssize_t n = write(connection, text.data() + at, text.size() - at);
          if (n <= 0) break;
          at += static_cast<size_t>(n);
        }
      }
      close(connection);
    }
  }

  // The head and, by its Content-Length, the body.
  static std::string read_request(int connection) {
    std::string text;
    char buffer[4096];
    size_t expected = std::string::npos;
    while (expected == std::string::npos || text.size() < expected) {
      ssize_t n = read(connection, buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<size_t>(n));
      size_t head_end = text.find("\r\n\r\n");
      if (expected == std::string::npos && head_end != std::string::npos) {
        size_t length = 0;
        if (size_t at = text.find("Content-Length: "); at != std::string::npos && at < head_end)
          length = std::stoul(text.substr(at + 16));
        expected = head_end + 4 + length;
      }
    }
    return text;
  }

  std::vector<Answer> answers_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

} // namespace ssmd::test
