// Name conventions of Cap'n Proto schemas: types in UpperCamelCase, members in lowerCamelCase, acronyms
// written as words (`HttpRequest`, `bidPx`). The compiler already rejects underscores and a wrong first
// letter; these checks add the acronym rule, which keeps generated names predictable in every language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::capnp_schema {

bool is_upper_camel(std::string_view name);
bool is_lower_camel(std::string_view name);
// The words of a name, lower-cased: "bid_price", "bidPrice" and "bidPRICE" all give {"bid", "price"}.
std::vector<std::string> name_words(std::string_view name);
std::string to_upper_camel(std::string_view name); // "market_status" -> "MarketStatus"
std::string to_lower_camel(std::string_view name); // "bidPX" -> "bidPx"

} // namespace ssmd::capnp_schema
