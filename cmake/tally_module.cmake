# Modules loaded on first use (engine/text/loadable_module.hpp): a shared library that only some
# runs need (poppler for PDFs, libgit2 for folder walks, cpp-httplib and OpenSSL for `tally
# serve`) is linked into a module instead of into tally, so the other runs never load it. A
# module is built beside tally in the build tree and installed under LIBDIR/tally; tally finds
# it relative to its own executable. Modules hide every symbol but the extern "C" entry points
# they mark TALLY_MODULE_EXPORT, and must be whole: nothing in them may need a symbol from the
# executable (--no-undefined).
set(TALLY_MODULE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/tally)
# A module and tally hand each other C++ structs (std::string, std::vector): one built from
# other headers would read them wrongly. So the version a module must carry is the project's
# version and a hash of the headers of those structs; a change to them reconfigures.
set(_tally_module_headers
  ${CMAKE_SOURCE_DIR}/engine/parse/pdf_reader.hpp ${CMAKE_SOURCE_DIR}/engine/parse/pdf_render.hpp
  ${CMAKE_SOURCE_DIR}/cli/git_api.hpp ${CMAKE_SOURCE_DIR}/plugins/http/http_server.hpp
  ${CMAKE_SOURCE_DIR}/engine/text/loadable_module.hpp)
set(_tally_module_text "")
foreach(h ${_tally_module_headers})
  file(READ ${h} _h)
  string(APPEND _tally_module_text "${_h}")
endforeach()
string(SHA256 _tally_module_hash "${_tally_module_text}")
string(SUBSTRING ${_tally_module_hash} 0 12 _tally_module_hash)
set(TALLY_MODULE_VERSION "${PROJECT_VERSION}+${_tally_module_hash}")
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_tally_module_headers})
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
  target_compile_definitions(${target} PRIVATE TALLY_MODULE_VERSION="${TALLY_MODULE_VERSION}")
  if(NOT TALLY_SANITIZE)  # sanitizer runtimes come from the host program
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${TALLY_MODULE_INSTALL_DIR})
endfunction()
