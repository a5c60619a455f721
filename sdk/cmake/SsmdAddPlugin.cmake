# ssmd_add_plugin(<name> SOURCES <src>... [LIBRARIES <lib>...] [OUTPUT_DIRECTORY <dir>])
#
# Builds an ssmd plugin: a MODULE library named <name>.so with hidden visibility (only the entry point is
# exported, through SSMD_PLUGIN_EXPORT), linked against the SDK headers. The file name must equal the
# manifest's name; the host reads the manifest from the file without loading it.
function(ssmd_add_plugin name)
  cmake_parse_arguments(ARG "ALLOW_UNDEFINED" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "ssmd_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ssmd::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${name}"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(NOT ARG_ALLOW_UNDEFINED)
    # A missing symbol is a link error here rather than a load error in the field.
    target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
endfunction()
