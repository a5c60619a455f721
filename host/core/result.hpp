// An expected failure as a value. Code that reads input the user or another program wrote (a manifest, a
// setting) returns Result<T>: the value, or one sentence saying what is wrong with the input. The caller
// decides what the failure becomes (a finding, a row's problem, an exception with an exit code at the
// command boundary); nothing below the commands throws for input that is merely wrong.
//
//   Result<DayManifest> m = parse_day_manifest(text, feed, date);
//   if (!m) return report(m.error());
//   use(m->gaps);
//
// std::expected would do (C++23); GCC 12 does not have it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace ssmd {

// What went wrong, in one sentence.
struct Failure {
  std::string message;
};

template <typename T> class Result {
public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; only when ok().
  T &value() { return std::get<0>(state_); }
  const T &value() const { return std::get<0>(state_); }
  T &operator*() { return value(); }
  const T &operator*() const { return value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

  // The failure's sentence; only when !ok().
  const std::string &error() const { return std::get<1>(state_).message; }

private:
  std::variant<T, Failure> state_;
};

} // namespace ssmd
