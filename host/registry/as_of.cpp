#include "registry/as_of.hpp"

namespace ssmd::registry {

namespace {
struct Span {
  const std::string *version;
  std::optional<Date> from;
  std::optional<Date> to;
  bool eligible; // false for schema drafts
};

AsOf resolve(const std::string &name, const std::vector<Span> &spans, Date date) {
  AsOf out;
  std::optional<size_t> best;      // latest eligible effective_from <= date
  std::optional<size_t> first;     // earliest eligible version
  std::optional<size_t> next;      // earliest eligible version after date
  std::optional<size_t> draft;     // a draft that would otherwise be in force
  for (size_t i = 0; i < spans.size(); ++i) {
    const Span &s = spans[i];
    if (!s.from) continue;
    if (!s.eligible) {
      if (*s.from <= date && (!draft || *spans[*draft].from < *s.from)) draft = i;
      continue;
    }
    if (!first || *s.from < *spans[*first].from) first = i;
    if (*s.from <= date) {
      if (!best || *spans[*best].from < *s.from) best = i;
    } else if (!next || *s.from < *spans[*next].from) {
      next = i;
    }
  }
  std::string prefix = "no version of " + name + " in force on " + date.str() + "; ";
  std::string draft_note;
  if (draft && (!best || *spans[*best].from < *spans[*draft].from))
    draft_note = " (" + *spans[*draft].version + " from " + spans[*draft].from->str() +
                 " is a draft and not in force until it is set active)";
  if (!best) {
    out.why_none = first ? prefix + "first is " + *spans[*first].version + " from " + spans[*first].from->str()
                         : name + " has no version in force on any date";
    out.why_none += draft_note;
    return out;
  }
  const Span &s = spans[*best];
  if (s.to && date >= *s.to) {
    out.why_none = prefix + *s.version + " ended on " + s.to->str() + " (effective_to is exclusive)";
    out.why_none += next ? " and " + *spans[*next].version + " starts on " + spans[*next].from->str()
                         : " and no later version exists";
    out.why_none += draft_note;
    return out;
  }
  out.index = *best;
  return out;
}
} // namespace

AsOf feed_version_as_of(const Feed &feed, Date date) {
  std::vector<Span> spans;
  spans.reserve(feed.versions.size());
  for (const auto &v : feed.versions) spans.push_back(Span{&v.version, v.effective_from, v.effective_to, true});
  return resolve(feed.name, spans, date);
}

AsOf schema_version_as_of(const Schema &schema, Date date) {
  std::vector<Span> spans;
  spans.reserve(schema.versions.size());
  for (const auto &v : schema.versions)
    spans.push_back(Span{&v.version, v.effective_from, std::nullopt, v.status != "draft"});
  return resolve(schema.name, spans, date);
}

} // namespace ssmd::registry
