# Modules loaded on first use (engine/text/loadable_module.hpp): a shared library that only some
# runs need (poppler for PDFs, libgit2 for folder walks) is linked into a small module instead of
# into tally, so the other runs never load it. A module is built beside tally in the build tree
# and installed under LIBDIR/tally; tally finds it relative to its own executable. Modules hide
# every symbol but the extern "C" entry points they mark TALLY_MODULE_EXPORT, and must be whole:
# nothing in them may need a symbol from the executable (--no-undefined).
set(TALLY_MODULE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/tally)
file(RELATIVE_PATH TALLY_MODULES_FROM_BIN ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${TALLY_MODULE_INSTALL_DIR})

# tally_module(TARGET SOURCE...): the module TARGET.so; link its libraries with
# target_link_libraries(TARGET PRIVATE ...).
function(tally_module target)
  add_library(${target} MODULE ${ARGN})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/engine ${CMAKE_SOURCE_DIR})
  target_compile_definitions(${target} PRIVATE TALLY_MODULE_VERSION="${PROJECT_VERSION}")
  if(NOT TALLY_SANITIZE)  # sanitizer runtimes come from the host program
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${TALLY_MODULE_INSTALL_DIR})
endfunction()
