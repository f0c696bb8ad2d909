cmake_minimum_required(VERSION 3.22)
# ctest driver: configures the fixture once per case and checks that the
# layer rules reject exactly the forbidden links.
set(cases clean widgets gui-transitive pop3-network upward)
set(expect_ok clean)
foreach(case IN LISTS cases)
  set(dir ${WORK_DIR}/${case})
  file(REMOVE_RECURSE ${dir})
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${POPLAR_SOURCE_DIR}/tests/layers/fixture -B ${dir}
            -DPOPLAR_SOURCE_DIR=${POPLAR_SOURCE_DIR} -DCASE=${case}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(case IN_LIST expect_ok)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "case '${case}' should configure but failed:\n${err}")
    endif()
  else()
    if(rc EQUAL 0)
      message(FATAL_ERROR "case '${case}' breaks a layer rule but configured")
    endif()
    if(NOT err MATCHES "Poplar layer violation")
      message(FATAL_ERROR "case '${case}' failed for another reason:\n${err}")
    endif()
  endif()
  message(STATUS "case ${case}: as expected")
endforeach()
