# Man pages and shell completion; included by the top-level CMakeLists.txt after plugins/.
# The built ssmd writes its man pages and completion scripts into ${CMAKE_BINARY_DIR}/share
# (cmake/GenerateShellFiles.cmake); they are installed with the runtime component. Both come from the
# binary's own command table and --help, so they cannot drift from it.
#
# The bundled plugins add to that help (a storage plugin's URL scheme gives `ssmd data` its --<scheme>-endpoint
# flag), so the pages depend on every bundled plugin as well as on ssmd: generated before a plugin was linked,
# they would describe a different ssmd from the one installed, depending on the build's job order.
set(SSMD_SHARE_DIR ${CMAKE_BINARY_DIR}/share)
if(CMAKE_CROSSCOMPILING)
  message(STATUS "Cross-compiling: man pages and completion scripts are not generated")
  return()
endif()
get_property(_ssmd_bundled_plugins GLOBAL PROPERTY SSMD_BUNDLED_PLUGINS)
set(_ssmd_shell_stamp ${SSMD_SHARE_DIR}/.generated)
add_custom_command(OUTPUT ${_ssmd_shell_stamp}
  COMMAND ${CMAKE_COMMAND} -DSSMD=$<TARGET_FILE:ssmd> -DSHARE_DIR=${SSMD_SHARE_DIR} -DSTAMP=${_ssmd_shell_stamp}
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  DEPENDS ssmd ${_ssmd_bundled_plugins} ${PROJECT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  COMMENT "Generating man pages and shell completion scripts"
  VERBATIM)
add_custom_target(ssmd_shell_files ALL DEPENDS ${_ssmd_shell_stamp})

install(DIRECTORY ${SSMD_SHARE_DIR}/man/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT runtime FILES_MATCHING PATTERN "*.1")
install(FILES ${SSMD_SHARE_DIR}/bash-completion/completions/ssmd
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
install(FILES ${SSMD_SHARE_DIR}/zsh/vendor-completions/_ssmd
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)
install(FILES ${SSMD_SHARE_DIR}/fish/vendor_completions.d/ssmd.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT runtime)
