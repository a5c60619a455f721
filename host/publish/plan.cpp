#include "publish/plan.hpp"

#include "publish/json_diff.hpp"

#include <algorithm>
#include <set>

namespace ssmd::publish {

namespace {

// Documents are small; a stored value far larger than any is not one of ours.
constexpr size_t kMaxDocumentBytes = 16u << 20;

using strict_json::Json;

Json parse_ours(const std::string &text) {
  Json node;
  if (strict_json::parse(text, node, strict_json::Limits{kMaxDocumentBytes, 64}))
    throw std::logic_error("ssmd wrote a document it cannot read back");
  return node;
}

// Whether `stored` is `content` with a `published` member appended, as document_text() writes it: then
// the two are equal without parsing the whole document (a republish of 1,000 unchanged environments
// compares them all). The appended member must be one JSON object and the last thing in the text.
bool same_content(std::string_view stored, std::string_view content) {
  constexpr std::string_view kPublished = ",\"published\":";
  content.remove_suffix(1); // the closing brace
  if (!stored.starts_with(content)) return false;
  stored.remove_prefix(content.size());
  if (!stored.starts_with(kPublished) || !stored.ends_with('}')) return false;
  stored.remove_prefix(kPublished.size());
  stored.remove_suffix(1);
  Json published;
  return !strict_json::parse(stored, published) && published.is_object();
}

// What differs between a stored document and the commit's content; `published` is not content.
std::vector<std::string> content_differences(const std::string &stored, const EnvironmentDocument &doc) {
  if (same_content(stored, doc.content)) return {};
  Json before;
  if (auto error = strict_json::parse(stored, before, strict_json::Limits{kMaxDocumentBytes, 64}))
    return {"(document): not JSON (" + error->message + ", line " + std::to_string(error->line) + ")"};
  if (before.is_object()) before.erase("published");
  return json_differences(before, parse_ours(doc.content));
}

} // namespace

Plan make_plan(const Snapshot &snapshot, const std::vector<EnvironmentDocument> &documents, bool all) {
  Plan plan;
  plan.index = read_index(snapshot);
  std::set<std::string> wanted, stored;
  for (const auto &doc : documents) wanted.insert(doc.name);
  for (const auto &[key, entry] : snapshot)
    if (auto name = environment_of_key(key)) stored.insert(*name);

  for (const auto &doc : documents) {
    auto found = snapshot.find(environment_key(doc.name));
    if (found == snapshot.end()) {
      plan.changes.push_back(EnvironmentChange{ChangeKind::Add, doc.name, 0, {}, &doc});
      continue;
    }
    auto differences = content_differences(found->second.value, doc);
    if (!differences.empty())
      plan.changes.push_back(
          EnvironmentChange{ChangeKind::Update, doc.name, found->second.revision, std::move(differences), &doc});
  }
  std::set<std::string> after = wanted;
  for (const auto &name : stored) {
    if (wanted.count(name)) continue;
    if (all) plan.changes.push_back(EnvironmentChange{ChangeKind::Remove, name, snapshot.at(environment_key(name)).revision, {}, nullptr});
    else after.insert(name);
  }
  std::sort(plan.changes.begin(), plan.changes.end(),
            [](const EnvironmentChange &a, const EnvironmentChange &b) { return a.name < b.name; });
  plan.environments.assign(after.begin(), after.end());

  const StoredIndex &index = plan.index;
  if (!index.readable) plan.index_reasons.push_back(index.problem);
  else if (!index.complete) plan.index_reasons.push_back("the publish of commit " + index.commit + " did not complete");
  else if (index.environments != plan.environments) plan.index_reasons.push_back("it lists other environments");
  return plan;
}

} // namespace ssmd::publish
