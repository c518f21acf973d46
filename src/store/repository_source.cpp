// Loading a repository from a FileSource: the steps of load_repository after the bytes are read.
#include <mutex>

#include "parallel.hpp"
#include "pipeline/model/project_load.hpp"
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
    // Each file's result at its index, findings merged in path order: the same whatever the
    // number of threads.
    std::vector<std::optional<Project>> projects(files.size());
    std::vector<Diagnostics> findings(files.size());
    const Process& process = *repo.process;
    const auto load_one = [&](std::size_t i, const FileSource& from) {
        auto text = from.read(files[i], process.rules.max_file_size, findings[i]);
        if (!text || !prepare_text(*text, files[i], findings[i])) return;
        projects[i] = load_project(*text, files[i], process, findings[i], request.options);
    };
    if (auto probe = source.for_thread()) {
        std::mutex shared;  // a thread that got no reader of its own reads through `source`, in turn
        parallel_for(
            files.size(), [&] { return source.for_thread(); },
            [&](std::size_t i, std::unique_ptr<FileSource>& reader) {
                if (reader) return load_one(i, *reader);
                const std::lock_guard<std::mutex> lock(shared);
                load_one(i, source);
            });
    } else {
        for (std::size_t i = 0; i < files.size(); ++i) load_one(i, source);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (Diagnostic& d : findings[i].items()) repo.diagnostics.add(std::move(d));
        if (projects[i]) repo.projects.push_back(std::move(*projects[i]));
    }
    return repo;
}

}  // namespace pipeline
