// libFuzzer target: any bytes as pipeline.yaml — a usable process or findings, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/model/process.hpp"
#include "pipeline/store/file_read.hpp"
#include "pipeline/store/repository.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    pipeline::Diagnostics out;
    if (!pipeline::prepare_text(text, "pipeline.yaml", out)) return 0;
    auto process = pipeline::load_process(text, "pipeline.yaml", out);
    if (process && out.has_errors()) __builtin_trap();  // a usable process has no errors
    return 0;
}
