// RAII for libgit2: every object libgit2 hands out is owned by a `Handle` that frees it, and every
// failing call becomes an exception naming what was being done. Nothing else in ssmd calls a `*_free`.
#pragma once

#include "git/libgit2.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace ssmd::git {

// `Free` is one of the libgit2 functions of git/libgit2.hpp, resolved by ensure_libgit2() before any handle
// exists, so a deleter never has a library to open.
template <class T, auto &Free> struct Deleter {
  void operator()(T *p) const { Free.get()(p); }
};
template <class T, auto &Free> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using SignatureHandle = Handle<git_signature, git_signature_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using OdbHandle = Handle<git_odb, git_odb_free>;
using OdbObjectHandle = Handle<git_odb_object, git_odb_object_free>;
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;
using StatusListHandle = Handle<git_status_list, git_status_list_free>;
using PatchHandle = Handle<git_patch, git_patch_free>;
using ConfigHandle = Handle<git_config, git_config_free>;

// A `git_buf` that disposes of itself.
struct Buffer {
  git_buf buf = GIT_BUF_INIT;
  Buffer() = default;
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  ~Buffer() { git_buf_dispose(&buf); }
  std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

// Opens and initialises libgit2 once per process; throws EnvironmentError when it cannot be loaded. It is
// never shut down: handles may live until exit.
void ensure_libgit2();

// The message of the last libgit2 error on this thread, or "unknown error".
std::string last_error();

// Throws EnvironmentError("<what>: <libgit2 message>") when `rc` is negative; returns `rc` otherwise.
int check(int rc, std::string_view what);

// The full hexadecimal form of an object id.
std::string hex(const git_oid &id);

} // namespace ssmd::git
