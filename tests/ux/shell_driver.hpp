// Runs the generated completion scripts in real shells.
#pragma once

#include "run_ssmd.hpp"

#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>

namespace ssmd::test {

// `text` as one single-quoted shell word.
inline std::string shell_quote(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The full path of `program` on PATH, or nullopt.
inline std::optional<std::string> find_program(const std::string &program) {
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t end = dirs.find(':', pos);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(pos, end - pos) + "/" + program;
    if (end > pos && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    pos = end + 1;
  }
  return std::nullopt;
}

// PATH with the directory of the ssmd under test first, so the scripts' `ssmd __complete` finds it.
inline std::string path_with_ssmd() {
  std::string binary = std::getenv("SSMD_BINARY") ? std::getenv("SSMD_BINARY") : "ssmd";
  const char *path = std::getenv("PATH");
  return std::filesystem::path(binary).parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
}

// Sources a bash completion script and completes `line` the way bash does at the end of the line: COMP_LINE
// and COMP_POINT, COMP_WORDS split at blanks and at the word-break characters ':' and '=' (each its own
// word), COMP_CWORD; then calls the function `complete -p ssmd` names and prints COMPREPLY one per line.
constexpr const char *k_bash_driver = R"BASH(set -u
source "$1"
line=$2
COMP_LINE=$line
COMP_POINT=${#line}
COMP_WORDS=()
word=
for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [[ $c == [[:space:]] ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word")
        word=
    elif [[ $c == [:=] ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word")
        COMP_WORDS+=("$c")
        word=
    else
        word+=$c
    fi
done
if [[ -n $word ]]; then
    COMP_WORDS+=("$word")
elif [[ $line == *[[:space:]] ]]; then
    COMP_WORDS+=("")
fi
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
spec=$(complete -p ssmd)
echo "spec: $spec" >&2
fn=${spec##*-F }
fn=${fn%% *}
COMPREPLY=()
"$fn" ssmd "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}"
if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}"; fi
)BASH";

} // namespace ssmd::test
