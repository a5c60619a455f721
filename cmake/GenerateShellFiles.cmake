# Runs the built ssmd to write its man pages and completion scripts under SHARE_DIR (the layout they are
# installed in), then touches STAMP. Run as:
#   cmake -DSSMD=<ssmd> -DSHARE_DIR=<dir> -DSTAMP=<file> -P GenerateShellFiles.cmake
if(NOT SSMD OR NOT SHARE_DIR OR NOT STAMP)
  message(FATAL_ERROR "GenerateShellFiles.cmake needs -DSSMD=... -DSHARE_DIR=... -DSTAMP=...")
endif()
# The pages describe the binary, not the machine that builds it: no repository, no plugin settings.
foreach(var SSMD_REPO SSMD_PLUGIN_PATH SSMD_PLUGINS SSMD_LOCKED SSMD_OUTPUT)
  unset(ENV{${var}})
endforeach()

# Start from an empty man1/ so that a page of a removed command does not linger.
set(_man_dir "${SHARE_DIR}/man/man1")
file(REMOVE_RECURSE "${_man_dir}")
file(MAKE_DIRECTORY "${SHARE_DIR}")
execute_process(COMMAND "${SSMD}" __man "${_man_dir}"
  WORKING_DIRECTORY "${SHARE_DIR}" RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "ssmd __man failed (${_rc}):\n${_err}")
endif()

# Where Debian's shells look for completions shipped by packages.
set(_scripts
  "bash|bash-completion/completions/ssmd"
  "zsh|zsh/vendor-completions/_ssmd"
  "fish|fish/vendor_completions.d/ssmd.fish")
foreach(_entry IN LISTS _scripts)
  string(REPLACE "|" ";" _pair "${_entry}")
  list(GET _pair 0 _shell)
  list(GET _pair 1 _relative)
  get_filename_component(_dir "${SHARE_DIR}/${_relative}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  execute_process(COMMAND "${SSMD}" completion ${_shell}
    OUTPUT_FILE "${SHARE_DIR}/${_relative}" RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "ssmd completion ${_shell} failed (${_rc}):\n${_err}")
  endif()
endforeach()
file(TOUCH "${STAMP}")
