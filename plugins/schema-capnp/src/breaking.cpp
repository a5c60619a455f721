#include "breaking.hpp"

#include "compare_context.hpp"
#include "declaration_matching.hpp"
#include "member_compare.hpp"
#include "rules.hpp"

namespace ssmd::capnp_schema {

void compare_versions(const Model &older, const Model &newer, const FileIndexes &newer_files, Report &report) {
  CompareContext ctx(older, newer, newer_files, report);
  if (older.file_id != newer.file_id)
    ctx.at(rule::type_id_changed, ctx.main_file(), ctx.index(ctx.main_file()).file_id(),
           "the file ID changed from " + id_text(older.file_id) + " to " + id_text(newer.file_id) +
               "; every type without an explicit ID changes its ID with it");
  DeclarationPairs pairs = match_declarations(ctx);
  ctx.wire.forget(); // verdicts reached while renamed types were still being matched
  for (auto [old, now] : pairs) {
    if (old->kind != now->kind) {
      ctx.at(rule::kind_changed, now->file, ctx.locate(now->file, now->path),
             "`" + now->path + "` changed from " + kind_name(old->kind) + " to " + kind_name(now->kind) +
                 "; declare a new type instead");
      continue;
    }
    switch (old->kind) {
    case Node::Kind::Struct: compare_struct(*old, *now, "field", now->path, ctx); break;
    case Node::Kind::Enum: compare_enums(*old, *now, ctx); break;
    case Node::Kind::Interface: compare_interfaces(*old, *now, ctx); break;
    default: break; // constants and annotations do not travel on the wire
    }
  }
  ctx.flush();
}

} // namespace ssmd::capnp_schema
