# The process shapes of examples/processes/ compiled into the core, for `pipeline init --process`:
# each pipeline.yaml becomes a string of generated/process_shapes.cpp. A change to a file runs
# the configuration again.
function(pipeline_process_shapes out)
  file(GLOB shapes RELATIVE ${CMAKE_SOURCE_DIR}/examples/processes ${CMAKE_SOURCE_DIR}/examples/processes/*/pipeline.yaml)
  list(SORT shapes)
  set(entries "")
  foreach(shape IN LISTS shapes)
    get_filename_component(name ${shape} DIRECTORY)
    set(file ${CMAKE_SOURCE_DIR}/examples/processes/${shape})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    file(READ ${file} text)
    string(FIND "${text}" ")pipeline_shape\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${file} holds the raw string's delimiter")
    endif()
    string(APPEND entries "    {\"${name}\", R\"pipeline_shape(${text})pipeline_shape\"},\n")
  endforeach()
  file(WRITE ${out}.new "// Generated from examples/processes/*/pipeline.yaml by cmake/process_shapes.cmake.
#include \"pipeline/model/process.hpp\"

namespace pipeline {

const std::vector<ProcessShape>& process_shapes() {
    static const std::vector<ProcessShape> shapes{
${entries}    };
    return shapes;
}

}  // namespace pipeline
")
  # Rewritten only when it changed: the core is not rebuilt at every configuration.
  configure_file(${out}.new ${out} COPYONLY)
endfunction()
