# SPDX-License-Identifier: MIT
# Warning flags live on an INTERFACE target that is never exported, so consumers of the
# installed library never inherit them; -Werror comes from presets (CMAKE_COMPILE_WARNING_AS_ERROR).
add_library(smartkpi_warnings INTERFACE)
target_compile_options(smartkpi_warnings INTERFACE
    -Wall -Wextra -Wpedantic
    -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wold-style-cast -Wcast-align
    -Wimplicit-fallthrough -Wmissing-declarations -Wformat=2
    $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wduplicated-branches -Wlogical-op>)

# Static libraries carry even their PRIVATE links into the export sets (the build-tree export
# included), so targets take the flags, not the target.
function(smartkpi_use_warnings target)
    target_compile_options(${target} PRIVATE
        $<TARGET_PROPERTY:smartkpi_warnings,INTERFACE_COMPILE_OPTIONS>)
endfunction()
