# Fails when groff has anything to say about a man page.
execute_process(COMMAND ${GROFF} -man -ww -z -K utf8 ${PAGE}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "groff reports on ${PAGE}:\n${out}${err}")
endif()
