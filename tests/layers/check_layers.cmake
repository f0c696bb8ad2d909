cmake_minimum_required(VERSION 3.22)
# ctest driver: configures the fixture once per case and checks that the
# layer rules reject exactly the forbidden links.
set(cases clean widgets gui-transitive pop3-network sasl-network smtp-network upward shipped-testsupport shipped-harness shipped-qttest)
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

# The same rule on a build's link lines: a link step that takes test code
# must fail the check, a clean one must pass.
set(ninja_cases
  "clean|build app/poplar/poplar: CXX_EXECUTABLE_LINKER__poplar_Release main.o | ui/libui.a app/dovecot/libapp_dovecot.a /usr/lib/libQt6Widgets.so || ui/libui.a"
  "harness|build app/poplar/poplar: CXX_EXECUTABLE_LINKER__poplar_Release main.o | ui/libui.a tests/support/libharness.a || ui/libui.a"
  "testsupport|build app/poplar/poplar: CXX_EXECUTABLE_LINKER__poplar_Release main.o | core/net/libcore_net_testsupport.a || ui/libui.a"
  "qttest|build app/poplar/poplar: CXX_EXECUTABLE_LINKER__poplar_Release main.o | ui/libui.a\n  LINK_LIBRARIES = ui/libui.a  /usr/lib/x86_64-linux-gnu/libQt6Test.so.6.4.2")
foreach(entry IN LISTS ninja_cases)
  string(REPLACE "|" ";" parts "${entry}")
  list(POP_FRONT parts case)
  list(JOIN parts "|" step)
  string(REPLACE "\\n" "\n" step "${step}")
  set(file ${WORK_DIR}/ninja-${case}/build.ninja)
  file(WRITE ${file} "rule CXX_EXECUTABLE_LINKER__poplar_Release\n  command = c++\n\n${step}\n  POST_BUILD = :\n\nbuild tests/unit/tst_x: CXX_EXECUTABLE_LINKER__tst_x_Release tests/support/libharness.a\n")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -DBUILD_NINJA=${file} -DTARGETS=app/poplar/poplar
            -P ${POPLAR_SOURCE_DIR}/tests/layers/check_shipped_links.cmake
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(case STREQUAL "clean")
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "link step '${case}' is clean but the check failed:\n${err}")
    endif()
  elseif(rc EQUAL 0)
    message(FATAL_ERROR "link step '${case}' links test code but the check passed")
  elseif(NOT err MATCHES "Poplar layer violation")
    message(FATAL_ERROR "link step '${case}' failed for another reason:\n${err}")
  endif()
  message(STATUS "link step ${case}: as expected")
endforeach()
