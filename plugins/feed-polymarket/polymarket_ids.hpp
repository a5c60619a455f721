// Polymarket's two identifiers (https://docs.polymarket.com/trading/ctf/overview):
//  - an asset id (token id, position id) is an ERC-1155 token id, a uint256, written in decimal;
//  - a condition id is a bytes32, written as 0x and 64 hex digits.
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace polymarket {

// 2^256 - 1, the largest uint256, in decimal (78 digits).
inline constexpr std::string_view k_uint256_max =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

enum class AssetIdProblem { none, not_decimal, leading_zero, too_large };

// Checks that `text` is a uint256 in canonical decimal: digits only, no sign, no leading zero, at most 2^256-1.
inline AssetIdProblem asset_id_problem(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return AssetIdProblem::not_decimal;
  if (text.size() > 1 && text.front() == '0') return AssetIdProblem::leading_zero;
  // Same-length decimal strings without leading zeros compare like the numbers they write.
  if (text.size() > k_uint256_max.size() || (text.size() == k_uint256_max.size() && text > k_uint256_max))
    return AssetIdProblem::too_large;
  return AssetIdProblem::none;
}

// True when `text` is `0x` followed by exactly 64 hex digits (either case).
inline bool is_condition_id(std::string_view text) {
  if (text.size() != 66 || !text.starts_with("0x")) return false;
  return std::all_of(text.begin() + 2, text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

} // namespace polymarket
