# cmake -DOUT=FILE -P run_to_file.cmake PROGRAM ARG...: runs PROGRAM and writes its standard
# output to FILE (atomically: a temporary file beside it, then a rename), failing on a non-zero
# exit. Build rules use it where a shell redirection would not be portable.
math(EXPR last "${CMAKE_ARGC} - 1")
set(cmd)
set(start -1)
foreach(i RANGE ${last})
  if(start EQUAL -1 AND "${CMAKE_ARGV${i}}" STREQUAL "-P")
    math(EXPR start "${i} + 2")  # after -P and the script's own name
  elseif(NOT start EQUAL -1 AND i GREATER_EQUAL start)
    list(APPEND cmd "${CMAKE_ARGV${i}}")
  endif()
endforeach()
list(LENGTH cmd n)
if(n EQUAL 0)
  message(FATAL_ERROR "usage: cmake -DOUT=FILE -P run_to_file.cmake PROGRAM ARG...")
endif()
execute_process(COMMAND ${cmd} OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${OUT}.tmp")
  message(FATAL_ERROR "${cmd} failed: ${rc}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
