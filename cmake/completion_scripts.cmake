# The shell completion scripts of completions/ compiled into the binary, for `pipeline
# completion SHELL`: each becomes a string of generated/completion_scripts.cpp, so what the
# command prints is byte for byte what `cmake --install` puts where each shell looks.
function(pipeline_completion_scripts out)
  set(entries "")
  foreach(shell bash zsh fish)
    set(file ${CMAKE_SOURCE_DIR}/completions/pipeline.${shell})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    file(READ ${file} text)
    string(FIND "${text}" ")pipeline_script\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${file} holds the raw string's delimiter")
    endif()
    string(APPEND entries "    if (shell == \"${shell}\") return R\"pipeline_script(${text})pipeline_script\";\n")
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
