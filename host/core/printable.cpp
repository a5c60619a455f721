#include "core/printable.hpp"

#include <ssmd/escape.hpp>

#include <algorithm>

namespace ssmd {

bool has_control_character(std::string_view text) { return std::any_of(text.begin(), text.end(), text::detail::is_control); }

std::string printable(std::string_view text) { return text::escape(text, false); }

std::string printable_lines(std::string_view text) { return text::escape(text, true); }

} // namespace ssmd
