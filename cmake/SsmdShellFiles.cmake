# Help topics, man pages and shell completion; included by host/CMakeLists.txt after the ssmd targets.
#   - docs/*.md are compiled into ssmd_core as `ssmd help TOPIC` pages (cmake/EmbedDocs.cmake); a new page
#     is picked up on the next build.
#   - The built ssmd writes its man pages and completion scripts into ${CMAKE_BINARY_DIR}/share
#     (cmake/GenerateShellFiles.cmake); they are installed with the runtime component. Both come from the
#     binary's own command table and --help, so they cannot drift from it.
file(GLOB SSMD_DOC_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
set(_ssmd_embedded_docs ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_docs.cpp)
add_custom_command(OUTPUT ${_ssmd_embedded_docs}
  COMMAND ${CMAKE_COMMAND} -DDOCS_DIR=${PROJECT_SOURCE_DIR}/docs -DOUTPUT=${_ssmd_embedded_docs}
          -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
  DEPENDS ${SSMD_DOC_PAGES} ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
  COMMENT "Embedding docs/*.md as help topics"
  VERBATIM)
target_sources(ssmd_core PRIVATE ${_ssmd_embedded_docs})

set(SSMD_SHARE_DIR ${CMAKE_BINARY_DIR}/share)
if(CMAKE_CROSSCOMPILING)
  message(STATUS "Cross-compiling: man pages and completion scripts are not generated")
  return()
endif()
set(_ssmd_shell_stamp ${SSMD_SHARE_DIR}/.generated)
add_custom_command(OUTPUT ${_ssmd_shell_stamp}
  COMMAND ${CMAKE_COMMAND} -DSSMD=$<TARGET_FILE:ssmd> -DSHARE_DIR=${SSMD_SHARE_DIR} -DSTAMP=${_ssmd_shell_stamp}
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  DEPENDS ssmd ${PROJECT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
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
