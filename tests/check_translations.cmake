# Every user-visible string has its German translation: lupdate runs over
# the sources into a copy of poplar_de.ts (so strings the .ts does not know
# yet count too), and no message may be left unfinished.
#
#   cmake -DLUPDATE=... -DTS=.../poplar_de.ts -DLIST=sources.lst -DINCLUDES="a;b" -DWORK=dir -P check_translations.cmake
file(MAKE_DIRECTORY "${WORK}")
set(copy "${WORK}/check.ts")
configure_file("${TS}" "${copy}" COPYONLY)
set(include_args "")
foreach(dir IN LISTS INCLUDES)
  list(APPEND include_args "-I" "${dir}")
endforeach()
execute_process(
  COMMAND "${LUPDATE}" -silent -no-obsolete -locations none ${include_args} "@${LIST}" -ts "${copy}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc}): ${out}${err}")
endif()
file(READ "${copy}" content)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n\r\t]*(<oldsource>[^<]*</oldsource>[ \n\r\t]*)?(<comment>[^<]*</comment>[ \n\r\t]*)?<translation type=\"unfinished\"" missing "${content}")
list(LENGTH missing count)
if(count GREATER 0)
  set(names "")
  foreach(m IN LISTS missing)
    string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" s "${m}")
    string(APPEND names "\n  ${s}")
  endforeach()
  message(FATAL_ERROR "${count} message(s) without a German translation in ${TS}"
    " (run `ninja update_translations` and translate them):${names}")
endif()
string(FIND "${content}" "type=\"unfinished\"" any)
if(NOT any EQUAL -1)
  message(FATAL_ERROR "unfinished translations remain in ${TS}")
endif()
message(STATUS "every message of ${TS} is translated")
