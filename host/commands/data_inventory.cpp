// ssmd data inventory --feed F --from DATE --to DATE: one row a day of what was captured.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"

#include "core/progress.hpp"
#include "core/date.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "commands/data_source.hpp"
#include "data/inventory.hpp"

#include <cstdio>
#include <iostream>

namespace ssmd {

namespace {

std::string quality_text(const data::DayRecord &day) {
  const auto &m = day.normalized.manifest ? day.normalized.manifest : day.raw.manifest;
  if (!m) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", m->quality_score);
  return buf;
}

size_t gap_count(const data::DayRecord &day, bool open_only) {
  const auto &m = day.raw.manifest ? day.raw.manifest : day.normalized.manifest;
  size_t n = 0;
  if (m)
    for (const auto &g : m->gaps) n += !open_only || !g.resolved;
  return n;
}

json::Value slot_json(const data::Slot &slot) {
  json::Value v;
  v.set("url", slot.url).set("present", slot.present);
  if (slot.manifest) {
    v.set("status", slot.manifest->status)
        .set("byte_size", slot.manifest->byte_size)
        .set("record_count", slot.manifest->record_count)
        .set("quality_score", slot.manifest->quality_score)
        .set("gaps", static_cast<uint64_t>(slot.manifest->gaps.size()));
  } else if (slot.invalid()) {
    v.set("invalid", slot.problem);
  }
  return v;
}

} // namespace

CommandSpec describe_data_inventory(Context &ctx) {
  return synopsis("ssmd data inventory --feed FEED --from DATE --to DATE [--env ENV | --raw URL [--normalized URL]] "
                  "[--endpoint URL | --SCHEME-endpoint URL] [--output json]",
                  with(data_source_options(ctx), option("from", "DATE", "first day (YYYY-MM-DD)").require(),
                       option("to", "DATE", "last day, inclusive").require(), output_option()));
}

int run_data_inventory(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "data inventory", args);
  if (!vm) return kExitOk;
  Date from = *Date::parse(date_arg(*vm, "from"));
  Date to = *Date::parse(date_arg(*vm, "to"));
  if (to < from) throw UsageError("--to " + to.str() + " is before --from " + from.str());
  if (to.days() - from.days() >= 3660) throw UsageError("the range spans more than ten years; narrow --from/--to");
  auto format = output_format(*vm);
  auto source = data::open_source(ctx, *vm);
  std::vector<data::DayRecord> days;
  {
    // One manifest per day and store; the line is erased before the table (see cli/progress.hpp).
    size_t stores = (source.raw ? 1 : 0) + (source.normalized ? 1 : 0);
    Progress progress("Reading manifests", static_cast<size_t>(to.days() - from.days() + 1) * stores);
    days = data::collect_days(source.raw.get(), source.normalized.get(), source.feed, from, to,
                              [&progress](size_t n) { progress.tick(n); });
  }

  uint64_t raw_total = 0, normalized_total = 0;
  size_t present = 0, invalid = 0, gaps = 0;
  for (const auto &day : days) {
    if (day.raw.manifest) raw_total += day.raw.manifest->byte_size;
    if (day.normalized.manifest) normalized_total += day.normalized.manifest->byte_size;
    present += day.raw.present || day.normalized.present;
    invalid += day.raw.invalid() || day.normalized.invalid();
    gaps += gap_count(day, false);
  }

  if (format == OutputFormat::Json) {
    json::Value out;
    out.set("feed", source.feed).set("from", from.str()).set("to", to.str());
    json::Value rows = json::Array{};
    for (const auto &day : days) {
      json::Value row;
      row.set("date", day.date.str()).set("status", data::day_status(day));
      row.set("raw", slot_json(day.raw)).set("normalized", slot_json(day.normalized));
      rows.push(std::move(row));
    }
    out.set("days", std::move(rows));
    json::Value totals;
    totals.set("days", static_cast<uint64_t>(days.size()))
        .set("days_with_data", static_cast<uint64_t>(present))
        .set("invalid_days", static_cast<uint64_t>(invalid))
        .set("raw_bytes", raw_total)
        .set("normalized_bytes", normalized_total)
        .set("gaps", static_cast<uint64_t>(gaps));
    out.set("totals", std::move(totals));
    std::cout << out.dump();
  } else {
    // The header the design documents show above the table.
    std::cout << "Feed: " << source.feed << "\nDate Range: " << from.str() << " to " << to.str() << "\n\n";
    Table table({"DATE", "RAW", "NORMALIZED", "STATUS", "QUALITY", "GAPS"});
    for (const auto &day : days) {
      auto size = [](const data::Slot &s) {
        return s.manifest ? data::human_size(s.manifest->byte_size) : s.invalid() ? "invalid" : "-";
      };
      bool any = day.raw.manifest || day.normalized.manifest;
      table.add({day.date.str(), size(day.raw), size(day.normalized), data::day_status(day), quality_text(day),
                 any ? std::to_string(gap_count(day, false)) : "-"});
    }
    table.add({"TOTAL", data::human_size(raw_total), data::human_size(normalized_total),
               std::to_string(present) + "/" + std::to_string(days.size()) + " days", "", std::to_string(gaps)});
    table.print(std::cout);
    for (const auto &day : days)
      for (const data::Slot *s : {&day.raw, &day.normalized})
        if (s->invalid()) std::cerr << "ssmd: " << s->url << ": invalid manifest: " << s->problem << "\n";
  }
  return invalid ? kExitFailure : kExitOk;
}

} // namespace ssmd
