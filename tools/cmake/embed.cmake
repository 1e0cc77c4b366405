# SPDX-License-Identifier: MIT
# Turns shipped data files into a generated C++ source, so the library and the CLI work from any
# install prefix without looking files up at run time (the idea of PROJ's FileEmbed.cmake).
#
# smartkpi_embed(OUTPUT <file.cpp> FILES <name>=<path> ...)
# defines smartkpi::detail::embedded_file(std::string_view name) -> std::string_view.
function(smartkpi_embed)
    cmake_parse_arguments(ARG "" "OUTPUT" "FILES" ${ARGN})
    set(deps)
    set(args)
    foreach(item IN LISTS ARG_FILES)
        string(REPLACE "=" ";" pair "${item}")
        list(GET pair 1 path)
        list(APPEND deps ${path})
        list(APPEND args "${item}")
    endforeach()
    string(REPLACE ";" "|" joined "${args}")
    add_custom_command(
        OUTPUT ${ARG_OUTPUT}
        COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${ARG_OUTPUT}" "-DFILES=${joined}"
                -P ${PROJECT_SOURCE_DIR}/tools/cmake/embed_run.cmake
        DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/tools/cmake/embed_run.cmake
        COMMENT "Embedding shipped data"
        VERBATIM)
endfunction()
