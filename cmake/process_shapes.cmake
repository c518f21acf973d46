# The process shapes of examples/processes/ compiled into the core, for `pipeline init --process`:
# each pipeline.yaml becomes a string of generated/process_shapes.cpp. A change to a file runs
# the configuration again.
include(${CMAKE_CURRENT_LIST_DIR}/raw_string.cmake)

function(pipeline_process_shapes out)
  file(GLOB shapes RELATIVE ${CMAKE_SOURCE_DIR}/examples/processes ${CMAKE_SOURCE_DIR}/examples/processes/*/pipeline.yaml)
  list(SORT shapes)
  set(entries "")
  foreach(shape IN LISTS shapes)
    get_filename_component(name ${shape} DIRECTORY)
    pipeline_raw_string(literal ${CMAKE_SOURCE_DIR}/examples/processes/${shape} pipeline_shape)
    string(APPEND entries "    {\"${name}\", ${literal}},\n")
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
