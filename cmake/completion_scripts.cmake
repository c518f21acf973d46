# The shell completion scripts of completions/ compiled into the binary, for `pipeline
# completion SHELL`: each becomes a string of generated/completion_scripts.cpp, so what the
# command prints is byte for byte what `cmake --install` puts where each shell looks.
include(${CMAKE_CURRENT_LIST_DIR}/raw_string.cmake)

function(pipeline_completion_scripts out)
  set(entries "")
  foreach(shell bash zsh fish)
    pipeline_raw_string(literal ${CMAKE_SOURCE_DIR}/completions/pipeline.${shell} pipeline_script)
    string(APPEND entries "    if (shell == \"${shell}\") return ${literal};\n")
  endforeach()
  file(WRITE ${out}.new "// Generated from completions/pipeline.* by cmake/completion_scripts.cmake.
#include \"completion.hpp\"

namespace pipeline::cli {

const char* completion_script(std::string_view shell) {
${entries}    return nullptr;
}

}  // namespace pipeline::cli
")
  configure_file(${out}.new ${out} COPYONLY)
endfunction()
