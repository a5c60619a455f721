// The libgit2 functions ssmd calls, reached through a library opened on first use (core/lazy_library.hpp
// says why). Each object below is named after the libgit2 function it stands for and lives in ssmd::git,
// so code in that namespace calls `git_tree_lookup(...)` as libgit2's documentation spells it, and name
// lookup finds the object before the global function. ssmd does not link libgit2: a call to a function
// missing from this list fails to link ("undefined reference to git_..."); add it here.
#pragma once

#include "core/lazy_library.hpp"

#include <git2.h>

// X(name) for every libgit2 function ssmd uses.
#define SSMD_LIBGIT2_FUNCTIONS(X) \
  X(git_blob_create_from_workdir) \
  X(git_blob_free) \
  X(git_blob_lookup) \
  X(git_blob_rawcontent) \
  X(git_blob_rawsize) \
  X(git_buf_dispose) \
  X(git_commit_author) \
  X(git_commit_create) \
  X(git_commit_free) \
  X(git_commit_id) \
  X(git_commit_lookup) \
  X(git_commit_parent) \
  X(git_commit_parent_id) \
  X(git_commit_parentcount) \
  X(git_commit_summary) \
  X(git_commit_time) \
  X(git_commit_tree) \
  X(git_commit_tree_id) \
  X(git_config_free) \
  X(git_error_last) \
  X(git_graph_descendant_of) \
  X(git_index_add) \
  X(git_index_add_bypath) \
  X(git_index_entry_stage) \
  X(git_index_entrycount) \
  X(git_index_free) \
  X(git_index_get_byindex) \
  X(git_index_get_bypath) \
  X(git_index_new) \
  X(git_index_path) \
  X(git_index_read) \
  X(git_index_read_tree) \
  X(git_index_remove) \
  X(git_index_remove_bypath) \
  X(git_index_write) \
  X(git_index_write_tree_to) \
  X(git_libgit2_init) \
  X(git_libgit2_opts) \
  X(git_message_prettify) \
  X(git_object_free) \
  X(git_object_lookup) \
  X(git_object_peel) \
  X(git_object_short_id) \
  X(git_odb_free) \
  X(git_odb_hash) \
  X(git_odb_hashfile) \
  X(git_odb_object_data) \
  X(git_odb_object_free) \
  X(git_odb_object_size) \
  X(git_odb_object_type) \
  X(git_odb_read) \
  X(git_odb_read_header) \
  X(git_oid_equal) \
  X(git_oid_fromstrn) \
  X(git_oid_tostr) \
  X(git_patch_free) \
  X(git_patch_from_buffers) \
  X(git_patch_get_delta) \
  X(git_patch_line_stats) \
  X(git_patch_to_buf) \
  X(git_reference_free) \
  X(git_reference_lookup) \
  X(git_reference_peel) \
  X(git_reference_symbolic_target) \
  X(git_reference_type) \
  X(git_repository_commondir) \
  X(git_repository_free) \
  X(git_repository_hashfile) \
  X(git_repository_head) \
  X(git_repository_head_detached) \
  X(git_repository_head_unborn) \
  X(git_repository_index) \
  X(git_repository_is_bare) \
  X(git_repository_odb) \
  X(git_repository_open_ext) \
  X(git_repository_path) \
  X(git_repository_state) \
  X(git_repository_workdir) \
  X(git_revparse_single) \
  X(git_revwalk_free) \
  X(git_revwalk_new) \
  X(git_revwalk_next) \
  X(git_revwalk_push_head) \
  X(git_revwalk_sorting) \
  X(git_signature_default) \
  X(git_signature_free) \
  X(git_signature_now) \
  X(git_status_byindex) \
  X(git_status_list_entrycount) \
  X(git_status_list_free) \
  X(git_status_list_new) \
  X(git_status_options_init) \
  X(git_tree_entry_byindex) \
  X(git_tree_entry_byname) \
  X(git_tree_entry_bypath) \
  X(git_tree_entry_filemode) \
  X(git_tree_entry_free) \
  X(git_tree_entry_id) \
  X(git_tree_entry_name) \
  X(git_tree_entry_type) \
  X(git_tree_entrycount) \
  X(git_tree_free) \
  X(git_tree_id) \
  X(git_tree_lookup)

namespace ssmd::git {

// libgit2 by the soname of the one ssmd was built against.
extern LazyLibrary libgit2_library;

#define SSMD_LIBGIT2_DECLARE(name) inline constinit LazyFunction<decltype(::name)> name{libgit2_library, #name};
SSMD_LIBGIT2_FUNCTIONS(SSMD_LIBGIT2_DECLARE)
#undef SSMD_LIBGIT2_DECLARE

// Opens libgit2 and resolves every function above, so that nothing (a deleter, say) fails later.
// Throws EnvironmentError when the library is missing or lacks one of them.
void resolve_libgit2();

} // namespace ssmd::git
