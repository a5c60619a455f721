# Help topics; included by host/CMakeLists.txt after the ssmd targets. docs/*.md are compiled into ssmd_core
# as `ssmd help TOPIC` pages (cmake/EmbedDocs.cmake); a new page is picked up on the next build. The man
# pages and completion scripts are generated later, by cmake/SsmdManPages.cmake, once the plugins exist.
file(GLOB SSMD_DOC_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
set(_ssmd_embedded_docs ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_docs.cpp)
add_custom_command(OUTPUT ${_ssmd_embedded_docs}
  COMMAND ${CMAKE_COMMAND} -DDOCS_DIR=${PROJECT_SOURCE_DIR}/docs -DOUTPUT=${_ssmd_embedded_docs}
          -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
  DEPENDS ${SSMD_DOC_PAGES} ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
  COMMENT "Embedding docs/*.md as help topics"
  VERBATIM)
target_sources(ssmd_core PRIVATE ${_ssmd_embedded_docs})

