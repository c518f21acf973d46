// Owning handles for libgit2 objects, and libgit2 errors as text. Internal to git_source.cpp.
#pragma once

#include <memory>
#include <string>

#include <git2.h>

#include "pipeline/base/i18n.hpp"

namespace pipeline::git {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const {
        if (p) Free(p);
    }
};

using RepositoryPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;

// Keeps libgit2 initialised while any handle of a GitSource lives (the calls are counted).
struct Library {
    Library() {
        git_libgit2_init();
        // libgit2 keeps no tree over 4 KB in its object cache: a folder of thousands of project
        // files would be read, inflated and hashed again for every path looked up in it.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(64) << 20);
    }
    ~Library() { git_libgit2_shutdown(); }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

// The message of the last libgit2 error on this thread (libgit2's English), or "unknown error".
// A Text for findings; messages for the command layer take its .local().
inline Text last_error() {
    const git_error* e = git_error_last();
    return e && e->message ? Text(std::string(e->message)) : say("unknown error");
}

}  // namespace pipeline::git
