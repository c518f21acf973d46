# Fails when groff has anything to say about a man page, for the default device
# and for a UTF-8 terminal (what man(1) uses).
foreach(args "-man;-ww;-z" "-man;-ww;-z;-Tutf8;-Kutf8")
  execute_process(COMMAND ${GROFF} ${args} ${PAGE}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
    message(FATAL_ERROR "groff ${args} reports on ${PAGE}:\n${out}${err}")
  endif()
endforeach()
