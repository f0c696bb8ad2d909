cmake_minimum_required(VERSION 3.22)
# Reads the link step of each shipped program from a generated build.ninja
# and fails if it links test code: an object or library built under tests/,
# a *_testsupport library, or Qt Test. The configure-time layer check
# (core/cmake/PoplarLayers.cmake) proves the same on the target graph; this
# proves it on what the linker is actually given.
#
#   cmake -DBUILD_NINJA=build/ci/build.ninja "-DTARGETS=app/poplar/poplar;app/cli/poplar-cli" -P check_shipped_links.cmake
if(NOT EXISTS "${BUILD_NINJA}")
  message(FATAL_ERROR "no ${BUILD_NINJA}: the shipped-link check reads the Ninja build files")
endif()
file(STRINGS "${BUILD_NINJA}" lines)
set(errors "")
foreach(target IN LISTS TARGETS)
  # The build statement for the program and its indented variables
  # (LINK_LIBRARIES, LINK_PATH, …) up to the next statement.
  set(step "")
  set(inside FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^build ([^:]*):")
      if(CMAKE_MATCH_1 STREQUAL target AND line MATCHES "^build [^:]*: CXX_EXECUTABLE_LINKER")
        set(inside TRUE)
        string(APPEND step " ${line}")
        continue()
      endif()
      set(inside FALSE)
    elseif(inside AND line MATCHES "^  ")
      string(APPEND step " ${line}")
    elseif(inside AND NOT line STREQUAL "")
      set(inside FALSE)
    endif()
  endforeach()
  if(step STREQUAL "")
    string(APPEND errors "\n  ${target}: no link step found in ${BUILD_NINJA}")
    continue()
  endif()
  # Paths inside the build tree are relative to it: tests/... is test code.
  string(REGEX MATCHALL "[^ ]*(_testsupport|libQt6Test|libQt6QuickTest)[^ ]*|(^| )tests/[^ ]*" hits "${step}")
  if(hits)
    list(TRANSFORM hits STRIP)
    list(REMOVE_DUPLICATES hits)
    string(APPEND errors "\n  ${target} links test code: ${hits}")
  endif()
endforeach()
if(errors)
  message(FATAL_ERROR "Poplar layer violation:${errors}")
endif()
message(STATUS "shipped programs link no test code: ${TARGETS}")
