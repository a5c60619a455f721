// ssmd data gaps --feed F --date DATE: every gap a collector recorded that day.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"

#include "core/date.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "commands/data_source.hpp"
#include "data/inventory.hpp"

#include <iostream>

namespace ssmd {

CommandSpec describe_data_gaps(Context &ctx) {
  return synopsis("ssmd data gaps --feed FEED --date DATE [--env ENV | --raw URL [--normalized URL]] [--endpoint URL | "
                  "--SCHEME-endpoint URL] [--output json]",
                  with(data_source_options(ctx), option("date", "DATE", "the day (YYYY-MM-DD)").require(), output_option()));
}

int run_data_gaps(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "data gaps", args);
  if (!vm) return kExitOk;
  Date date = *Date::parse(date_arg(*vm, "date"));
  auto format = output_format(*vm);
  auto source = data::open_source(ctx, *vm);
  auto days = data::collect_days(source.raw.get(), source.normalized.get(), source.feed, date, date);
  const data::DayRecord &day = days.at(0);

  for (const data::Slot *s : {&day.raw, &day.normalized})
    if (s->invalid()) throw DomainError(s->url + ": invalid manifest: " + s->problem);
  if (!day.raw.manifest && !day.normalized.manifest)
    throw DomainError("no manifest for " + source.feed + " on " + date.str());

  json::Value rows = json::Array{};
  Table table({"SOURCE", "START", "END", "DURATION", "TYPE", "RESOLVED"});
  for (auto [name, slot] : {std::pair{"raw", &day.raw}, std::pair{"normalized", &day.normalized}}) {
    if (!slot->manifest) continue;
    for (const auto &g : slot->manifest->gaps) {
      int64_t duration = g.end.millis - g.start.millis;
      table.add({name, format_timestamp(g.start), format_timestamp(g.end), format_duration(duration),
                 g.type.empty() ? "-" : g.type, g.resolved ? "yes" : "no"});
      json::Value row;
      row.set("source", name)
          .set("start", format_timestamp(g.start))
          .set("end", format_timestamp(g.end))
          .set("duration_ms", duration)
          .set("type", g.type)
          .set("resolved", g.resolved);
      rows.push(std::move(row));
    }
  }
  if (format == OutputFormat::Json) {
    json::Value out;
    out.set("feed", source.feed).set("date", date.str()).set("gaps", std::move(rows));
    std::cout << out.dump();
  } else if (table.empty()) {
    std::cout << "no gaps for " << source.feed << " on " << date.str() << "\n";
  } else {
    table.print(std::cout);
  }
  return kExitOk;
}

} // namespace ssmd
