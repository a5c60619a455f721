// How the Vault backend reads answers (plugins/secrets-vault/secret_json.hpp): the shared strict reader over
// memory that is wiped when freed. This program replaces the global operator delete so that, while a test
// watches, every block freed anywhere (the parser's buffers, error messages, the document) is searched for
// a secret before it goes back to the allocator.
#include "secret_json.hpp"

#include <gtest/gtest.h>

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::atomic<const char *> g_secret{nullptr};
std::atomic<int> g_blocks_holding_it{0};

void inspect(void *p) {
  const char *secret = g_secret.load();
  if (!secret || !p) return;
  // The whole block, not only what was asked for: a string's spare capacity can hold bytes too.
  if (memmem(p, malloc_usable_size(p), secret, std::strlen(secret))) ++g_blocks_holding_it;
}

// Watches the blocks freed during its life for `secret`.
class Watch {
public:
  explicit Watch(const char *secret) {
    g_blocks_holding_it = 0;
    g_secret = secret;
  }
  ~Watch() { g_secret = nullptr; }
  int blocks_holding_it() const { return g_blocks_holding_it; }
};

} // namespace

// The program's own allocation functions: free() takes back what malloc() gave operator new, which GCC
// cannot see once it inlines one into the other.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void *operator new(size_t size) {
  if (void *p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept {
  inspect(p);
  std::free(p);
}
void operator delete(void *p, size_t) noexcept {
  inspect(p);
  std::free(p);
}
#pragma GCC diagnostic pop

using ssmd::vault::member;
using ssmd::vault::parse_secret_json;
using ssmd::vault::SecretJson;
using ssmd::vault::text_of;

namespace {

// Longer than a short string's inline buffer, so the parser's copies of it are on the heap.
constexpr const char *kSecret = "s3cr3t-VALUE-0123456789-abcdefghijklmnop";

std::string answer_with(const std::string &tail) {
  return std::string(R"({"data":{"data":{"api_key":")") + kSecret + tail;
}

} // namespace

TEST(SecretJson, ReadsVaultsAnswerShape) {
  SecretJson doc;
  ASSERT_FALSE(parse_secret_json(R"({"request_id":"x","data":{"data":{"api_key":"k","n":-1.5e3,"t":true,"z":null},
                    "metadata":{"version":3}},"warnings":null})",
                                 doc));
  const SecretJson *data = member(*member(doc, "data"), "data");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(text_of(*member(*data, "api_key")), "k");
  EXPECT_EQ(member(*data, "n")->get<double>(), -1500.0);
  EXPECT_TRUE(member(*data, "z")->is_null());
  EXPECT_EQ(member(*data, "absent"), nullptr);
  EXPECT_EQ(*member(*member(*member(doc, "data"), "metadata"), "version"), 3);
  // Members keep the answer's order: the keys of a secret are listed as Vault sent them.
  std::string keys;
  for (auto it = data->begin(); it != data->end(); ++it) keys += std::string(std::string_view(it.key())) + " ";
  EXPECT_EQ(keys, "api_key n t z ");
}

// Vault's answers never repeat a key; one that does is refused, as every JSON reader of ssmd refuses it
// (this reader used to keep the last value).
TEST(SecretJson, ARepeatedKeyIsRefused) {
  SecretJson doc;
  auto error = parse_secret_json(R"({"a":"1","a":"2"})", doc);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "duplicate key 'a'");
}

TEST(SecretJson, NoBlockFreedWhileReadingAnAnswerHoldsAValue) {
  const struct {
    const char *what;
    std::string text;
  } answers[] = {
      {"a whole answer", answer_with(R"(","n":1},"metadata":{"version":1}}})")},
      {"a control character in the value", answer_with("\x01\"}}}")},
      {"bytes that are not UTF-8 in the value", answer_with("\xff\"}}}")},
      {"an answer cut inside the value", answer_with("")},
      {"a repeated key after the value", answer_with(R"(","api_key":2}}})")},
      {"text after the answer", answer_with(R"("}}} trailing)")},
      {"nesting too deep after the value", answer_with(R"(","x":)" + std::string(100, '['))},
  };
  for (const auto &answer : answers) {
    Watch watch(kSecret);
    std::string message;
    {
      SecretJson doc;
      auto error = parse_secret_json(answer.text, doc);
      if (error) message = error->message;
    }
    EXPECT_EQ(watch.blocks_holding_it(), 0) << answer.what;
    EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << answer.what << ": " << message;
  }
}

// The watch itself: the same answer read as an ordinary document leaves copies behind, so the test above
// can fail.
TEST(SecretJson, AnOrdinaryDocumentLeavesCopiesTheWatchFinds) {
  const std::string text = answer_with(R"("}}})");
  Watch watch(kSecret);
  {
    ssmd::strict_json::Json doc;
    ASSERT_FALSE(ssmd::strict_json::parse(text, doc));
  }
  EXPECT_GT(watch.blocks_holding_it(), 0);
}

TEST(SecretJson, ErrorsSayWhereWithoutQuotingTheAnswer) {
  SecretJson doc;
  auto error = parse_secret_json("{\n  \"token\": \"abc\x01\"}", doc);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 2u);
  EXPECT_EQ(error->column, 16u); // the control character
  EXPECT_EQ(error->message.find("abc"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("control character"), std::string::npos) << error->message;
}
