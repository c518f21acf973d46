// libFuzzer target: any bytes as a project file — loading and every check must
// return findings, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/check/validate.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/repository.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const pipeline::Process process = [] {
        pipeline::Diagnostics ignored;
        return *pipeline::load_process(pipeline::default_process_text(), "pipeline.yaml", ignored);
    }();
    std::string text(reinterpret_cast<const char*>(data), size);
    pipeline::Diagnostics out;
    if (!pipeline::prepare_text(text, "projects/x.yaml", out)) return 0;
    auto project = pipeline::load_project(text, "projects/x.yaml", process, out, {true});
    if (project) pipeline::check_project(*project, process, {*pipeline::Date::from_ymd(2026, 11, 23)}, out);
    return 0;
}
