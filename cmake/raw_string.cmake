# A file's text as a C++ raw string literal R"DELIM(...)DELIM", for the files compiled into the
# binary (process shapes, completion scripts); a change to the file configures again.
function(pipeline_raw_string out_var file delimiter)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} holds the raw string's delimiter")
  endif()
  set(${out_var} "R\"${delimiter}(${text})${delimiter}\"" PARENT_SCOPE)
endfunction()
