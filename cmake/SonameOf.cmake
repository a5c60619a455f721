# ssmd_soname_of(<var> <library>): sets <var> to the SONAME recorded in the shared library <library> (a path,
# possibly the -dev symlink), e.g. "libgit2.so.1.5": the name the host passes to dlopen for a library it opens
# on first use (host/core/lazy_library.hpp) rather than links.
function(ssmd_soname_of var library)
  if(NOT CMAKE_OBJDUMP)
    message(FATAL_ERROR "objdump (binutils) is needed to read the soname of ${library}")
  endif()
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${library}
    OUTPUT_VARIABLE _dump RESULT_VARIABLE _rc ERROR_QUIET)
  string(REGEX MATCH "SONAME +([^\n]+)" _match "${_dump}")
  if(NOT _rc EQUAL 0 OR NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "cannot read the soname of ${library}")
  endif()
  string(STRIP "${CMAKE_MATCH_1}" _soname)
  set(${var} "${_soname}" PARENT_SCOPE)
endfunction()
