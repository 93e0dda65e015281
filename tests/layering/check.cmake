# Compiles SOURCE with exactly the include view of STAGE and checks the
# outcome: EXPECT=fail means the compiler must refuse it because the include
# is not visible from that stage.
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only ${FLAGS} -I${VIEW} ${SOURCE}
  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(EXPECT STREQUAL "fail")
  if(rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} compiled from ${VIEW}: an upward include was not refused")
  endif()
  if(NOT err MATCHES "No such file or directory")
    message(FATAL_ERROR "${SOURCE} failed for another reason:\n${err}")
  endif()
else()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} should compile from ${VIEW}:\n${err}")
  endif()
endif()
