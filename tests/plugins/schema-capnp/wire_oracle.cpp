// The oracle's outer part: parsing each version, finding the types it declares or reaches, matching them
// between versions, and comparing interfaces by the calls they serve. Messages are written and compared
// in oracle_messages.cpp.
#include "wire_oracle.hpp"

#include "oracle_messages.hpp"

#include <capnp/schema-parser.h>
#include <capnp/schema.capnp.h>
#include <kj/filesystem.h>

#include <memory>
#include <optional>
#include <set>

namespace ssmd::test::oracle {

namespace {

namespace schema = capnp::schema;

// One version, parsed by a parser of its own.
class Version {
public:
  explicit Version(const VersionFiles &files)
      : dir_(kj::newInMemoryDirectory(kj::nullClock())), disk_(kj::newDiskFilesystem()),
        system_(disk_->getRoot().openSubdir(kj::Path({"usr", "include"}))) {
    for (const auto &[path, content] : files)
      dir_->openFile(kj::Path::parse(path.c_str()), kj::WriteMode::CREATE | kj::WriteMode::CREATE_PARENT)
          ->writeAll(kj::StringPtr(content.c_str(), content.size()));
    const kj::ReadableDirectory *import_path[] = {system_.get()};
    capnp::ParsedSchema root = parser_.parseFromDirectory(*dir_, kj::Path::parse("root.capnp"), import_path);
    visit_nested(root);
  }

  // Structs (not groups or parameter lists), enums and interfaces the file declares or reaches.
  const std::vector<capnp::Schema> &declarations() const { return declarations_; }

  // The declaration with this ID, else with this display name ("common.capnp:Point").
  std::optional<capnp::Schema> counterpart(capnp::Schema s) const {
    uint64_t id = s.getProto().getId();
    for (const auto &d : declarations_)
      if (d.getProto().getId() == id) return d;
    kj::StringPtr name = s.getProto().getDisplayName();
    for (const auto &d : declarations_)
      if (d.getProto().getDisplayName() == name) return d;
    return std::nullopt;
  }

private:
  void visit_nested(capnp::ParsedSchema s) {
    visit(s);
    for (auto nested : s.getAllNested()) visit_nested(nested);
  }

  void visit(capnp::Schema s) {
    s = s.getGeneric();
    auto proto = s.getProto();
    if (!seen_.insert(proto.getId()).second) return;
    switch (proto.which()) {
    case schema::Node::STRUCT: {
      bool implicit = std::string_view(proto.getDisplayName().cStr()).find('$') != std::string_view::npos;
      if (!proto.getStruct().getIsGroup() && !implicit) declarations_.push_back(s);
      for (auto f : s.asStruct().getFields()) {
        if (f.getProto().isGroup()) visit(f.getType().asStruct());
        else visit_type(f.getType(), f.getProto().getSlot().getType());
      }
      break;
    }
    case schema::Node::ENUM: declarations_.push_back(s); break;
    case schema::Node::INTERFACE:
      declarations_.push_back(s);
      for (auto super : s.asInterface().getSuperclasses()) visit(super);
      for (auto m : s.asInterface().getMethods()) {
        visit(m.getParamType());
        visit(m.getResultType());
      }
      break;
    case schema::Node::CONST: visit_type(s.asConst().getType(), proto.getConst().getType()); break;
    default: break;
    }
  }

  void visit_type(capnp::Type t, schema::Type::Reader raw) {
    switch (t.which()) {
    case schema::Type::LIST: visit_type(t.asList().getElementType(), raw.getList().getElementType()); break;
    case schema::Type::ENUM: visit(t.asEnum()); break;
    case schema::Type::STRUCT:
      visit(t.asStruct());
      visit_brand(t.asStruct(), raw.getStruct().getBrand());
      break;
    case schema::Type::INTERFACE:
      visit(t.asInterface());
      visit_brand(t.asInterface(), raw.getInterface().getBrand());
      break;
    default: break;
    }
  }

  void visit_brand(capnp::Schema branded, schema::Brand::Reader brand) {
    for (auto scope : brand.getScopes()) {
      if (!scope.isBind()) continue;
      auto args = branded.getBrandArgumentsAtScope(scope.getScopeId());
      auto bind = scope.getBind();
      for (uint i = 0; i < args.size() && i < bind.size(); ++i)
        if (bind[i].isType()) visit_type(args[i], bind[i].getType());
    }
  }

  kj::Own<kj::Directory> dir_;
  kj::Own<kj::Filesystem> disk_;
  kj::Own<const kj::ReadableDirectory> system_;
  capnp::SchemaParser parser_; // after the directories it reads: destroyed first
  std::set<uint64_t> seen_;
  std::vector<capnp::Schema> declarations_;
};

std::string name_of(capnp::Schema s) { return s.getProto().getDisplayName().cStr(); }

// Every call a client of `older` can make must reach a method of `newer` (by the declaring interface's ID
// and the method's number) whose parameters and results read the same in both directions.
void compare_calls(capnp::InterfaceSchema older, capnp::InterfaceSchema newer, Messages &messages) {
  auto serving = calls_served(newer);
  for (const auto &[call, method] : calls_served(older)) {
    auto it = serving.find(call);
    std::string label = name_of(older) + "." + method.getProto().getName().cStr();
    if (it == serving.end()) {
      messages.wire(label + ": a call of the older version is unimplemented by the newer");
      continue;
    }
    messages.round_trip(method.getParamType(), it->second.getParamType(), label + " parameters");
    messages.round_trip(it->second.getParamType(), method.getParamType(), label + " parameters (newer to older)");
    messages.round_trip(method.getResultType(), it->second.getResultType(), label + " results");
    messages.round_trip(it->second.getResultType(), method.getResultType(), label + " results (newer to older)");
  }
}

} // namespace

Verdict compare(const VersionFiles &older_files, const VersionFiles &newer_files) {
  Verdict verdict;
  std::unique_ptr<Version> older, newer;
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() {
                older = std::make_unique<Version>(older_files);
                newer = std::make_unique<Version>(newer_files);
              })) {
    verdict.error = e->getDescription().cStr();
    return verdict;
  }
  Messages messages(verdict);
  for (const auto &old : older->declarations()) {
    auto now = newer->counterpart(old);
    if (!now) continue; // removed: nothing of it can be read by the newer version
    auto kind = old.getProto().which();
    if (kind != now->getProto().which()) {
      messages.wire(name_of(old) + " is another kind of declaration in the newer version");
      continue;
    }
    if (kind == schema::Node::STRUCT) {
      messages.round_trip(old.asStruct(), now->asStruct(), name_of(old));
      messages.round_trip(now->asStruct(), old.asStruct(), name_of(old) + " (newer to older)");
    } else if (kind == schema::Node::INTERFACE) {
      compare_calls(old.asInterface(), now->asInterface(), messages);
    }
  }
  return verdict;
}

} // namespace ssmd::test::oracle
