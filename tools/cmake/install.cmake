# SPDX-License-Identifier: MIT
include(CMakePackageConfigHelpers)
set(SMARTKPI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/smartkpi)

install(TARGETS smartkpi EXPORT smartkpiTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(SMARTKPI_BUILD_TOOLS)
    install(TARGETS smartkpi_tool RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/smartkpi DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/smartkpi/version_config.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/smartkpi)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/smartkpi)

install(EXPORT smartkpiTargets NAMESPACE smartkpi:: DESTINATION ${SMARTKPI_CMAKE_DIR})
export(EXPORT smartkpiTargets NAMESPACE smartkpi::
       FILE ${PROJECT_BINARY_DIR}/smartkpiTargets.cmake)

configure_package_config_file(${PROJECT_SOURCE_DIR}/tools/cmake/smartkpiConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/smartkpiConfig.cmake
                              INSTALL_DESTINATION ${SMARTKPI_CMAKE_DIR})
# 0.x: every minor release may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/smartkpiConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/smartkpiConfig.cmake
              ${PROJECT_BINARY_DIR}/smartkpiConfigVersion.cmake
        DESTINATION ${SMARTKPI_CMAKE_DIR})
