// Loading a repository from a FileSource: the steps of load_repository after the bytes are read.
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/repository.hpp"

namespace pipeline {

namespace {
// pipeline.yaml may be larger than a project file; the same limit as load_process_file.
constexpr std::size_t kMaxProcessFileSize = 4u << 20;
}  // namespace

Repository load_repository_from(const FileSource& source, const LoadRequest& request) {
    Repository repo;
    repo.root = request.root;
    if (auto text = source.read("pipeline.yaml", kMaxProcessFileSize, repo.diagnostics);
        text && prepare_text(*text, "pipeline.yaml", repo.diagnostics))
        repo.process = load_process(*text, "pipeline.yaml", repo.diagnostics);
    if (!repo.process) return repo;
    const std::vector<std::string> files = request.only.empty() ? source.project_files(repo.diagnostics) : request.only;
    for (const std::string& rel : files) {
        auto text = source.read(rel, repo.process->rules.max_file_size, repo.diagnostics);
        if (!text || !prepare_text(*text, rel, repo.diagnostics)) continue;
        if (auto project = load_project(*text, rel, *repo.process, repo.diagnostics, request.options))
            repo.projects.push_back(std::move(*project));
    }
    return repo;
}

}  // namespace pipeline
