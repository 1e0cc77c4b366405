# SPDX-License-Identifier: MIT
# Runs one command-line test case of the real smartkpi binary and compares its results
# (osmium-tool cmake/run_test_compare_output.cmake; ARCHITECTURE.md §3.6, §3.10 habit 12).
#
#   cmake -DBIN=<smartkpi> [options] -P run_cli_case.cmake
#
# What to run:
#   BIN                   the program (required)
#   ARGS                  its arguments as a ;-list, or
#   ARGS_FILE             a file holding them, one argument per line (empty lines are skipped)
#   ARGS_LINE             or one line split like a POSIX shell would (quotes allowed)
#   STDIN                 file fed to standard input (default: /dev/null)
#   CASE_DIR              the case folder: working directory and @CASE_DIR@ (default: folder
#                         of ARGS_FILE or INPUT, else the current directory)
#   DATA_DIR              the repository's data/ folder, for @DATA@
#   TMP_ROOT              folder under which a fresh @TMP@ is made (default: ./cli-tmp)
#   NAME                  name of the case, used for @TMP@ (default: derived from CASE/INPUT)
#   INPUT                 a bad-input file; @FILE@ is its name, relative to CASE_DIR
# What to expect:
#   EXPECT_STDOUT         file that standard output must equal byte for byte, after the
#                         version string is replaced with @VERSION@ and the absolute paths of
#                         @TMP@, @CASE_DIR@ and @DATA@ by those names (the same is done to
#                         standard error and written files); if not given, standard output
#                         must be empty, unless
#   EXPECT_STDOUT_REGEX   standard output (as printed, version not replaced) must match this
#   EXPECT_STDERR         file that standard error must equal; if not given, standard error
#                         must be empty, unless
#   EXPECT_STDERR_REGEX   standard error must be exactly one line matching this regex,
#                         optionally followed by one hint line matching STDERR_HINT_REGEX
#                         (default: "Run 'smartkpi ...' for usage.", which usage errors add)
#   EXPECT_EXIT           the exit code (default 0)
#   EXPECT_NO_FILE        a path (;-list) that must not exist afterwards (no partial output)
#   EXPECT_FILE           <path>=<golden> (;-list): a file the run must write, compared like
#                         standard output
#   VERSION               the version string to replace with @VERSION@
# Shortcuts that read the expectations from files beside the case, at test time, so that a new
# or changed golden file needs no re-configure:
#   CASE=<dir>/<name>     <name>.args, .stdout, and when present .stderr, .exit (the code),
#                         .stdin, .files (lines <path>=<golden>, like EXPECT_FILE), .nofile
#                         (lines <path>, like EXPECT_NO_FILE), .stdout-regex and .stderr-regex
#                         (line 1 is EXPECT_STDOUT_REGEX / EXPECT_STDERR_REGEX; used instead of
#                         a golden where the exact text should not be pinned)
#   EXPECT_SPEC=<file>    a bad-input .expect file: line 1 the exit code, line 2 the regex of the
#                         single stderr line, optional line 3 the command (else DEFAULT_COMMAND);
#                         @FILE@ is INPUT. @TMP@/out.json must not exist afterwards.
#
# In ARGS, the files and the paths above: @DATA@, @CASE_DIR@, @TMP@, @FILE@ are replaced.
#
# With the environment variable SMARTKPI_UPDATE_GOLDEN=1, the golden files (stdout, stderr,
# written files, and .exit in CASE mode) are rewritten from the actual results instead of
# compared, so that the change can be reviewed with `git diff`. Regexes are never rewritten.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED BIN)
    message(FATAL_ERROR "run_cli_case: BIN is required")
endif()

set(update OFF)
if("$ENV{SMARTKPI_UPDATE_GOLDEN}" STREQUAL "1")
    set(update ON)
endif()

set(failures "")
# A function, not a macro: a macro would re-read the message and eat its backslashes.
function(fail msg)
    set(failures "${failures}${msg}\n" PARENT_SCOPE)
endfunction()

# Reads a file as a list of its non-empty lines (so a line cannot hold a ';').
function(read_lines path out)
    file(READ "${path}" text)
    string(REPLACE "\r\n" "\n" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(result "")
    foreach(line IN LISTS lines)
        if(NOT line STREQUAL "")
            list(APPEND result "${line}")
        endif()
    endforeach()
    set(${out} "${result}" PARENT_SCOPE)
endfunction()

# ---- case defaults ------------------------------------------------------------------------
if(DEFINED CASE)
    get_filename_component(case_dir_default "${CASE}" DIRECTORY)
    get_filename_component(case_name "${CASE}" NAME)
    if(NOT DEFINED ARGS AND NOT DEFINED ARGS_FILE AND NOT DEFINED ARGS_LINE)
        set(ARGS_FILE "${CASE}.args")
    endif()
    if(NOT DEFINED EXPECT_STDOUT_REGEX AND EXISTS "${CASE}.stdout-regex")
        file(STRINGS "${CASE}.stdout-regex" EXPECT_STDOUT_REGEX LIMIT_COUNT 1)
    endif()
    if(NOT DEFINED EXPECT_STDERR_REGEX AND EXISTS "${CASE}.stderr-regex")
        file(STRINGS "${CASE}.stderr-regex" EXPECT_STDERR_REGEX LIMIT_COUNT 1)
    endif()
    if(NOT DEFINED EXPECT_STDOUT AND NOT DEFINED EXPECT_STDOUT_REGEX)
        set(EXPECT_STDOUT "${CASE}.stdout")
    endif()
    if(NOT DEFINED EXPECT_STDERR AND NOT DEFINED EXPECT_STDERR_REGEX)
        set(EXPECT_STDERR "${CASE}.stderr")
        if(NOT EXISTS "${EXPECT_STDERR}" AND NOT update)
            unset(EXPECT_STDERR)
        endif()
    endif()
    if(NOT DEFINED EXPECT_EXIT)
        set(exit_file "${CASE}.exit")
        if(EXISTS "${exit_file}")
            file(STRINGS "${exit_file}" EXPECT_EXIT LIMIT_COUNT 1)
            string(STRIP "${EXPECT_EXIT}" EXPECT_EXIT)
        endif()
    endif()
    if(NOT DEFINED STDIN AND EXISTS "${CASE}.stdin")
        set(STDIN "${CASE}.stdin")
    endif()
    if(EXISTS "${CASE}.files")
        read_lines("${CASE}.files" more)
        list(APPEND EXPECT_FILE ${more})
    endif()
    if(EXISTS "${CASE}.nofile")
        read_lines("${CASE}.nofile" more)
        list(APPEND EXPECT_NO_FILE ${more})
    endif()
endif()

if(DEFINED EXPECT_SPEC)
    # Read raw rather than with file(STRINGS), so that a ';' in the regex survives.
    file(READ "${EXPECT_SPEC}" spec_text)
    string(FIND "${spec_text}" "\n" nl1)
    if(nl1 EQUAL -1)
        message(FATAL_ERROR "run_cli_case: ${EXPECT_SPEC} needs an exit code and a regex")
    endif()
    string(SUBSTRING "${spec_text}" 0 ${nl1} EXPECT_EXIT)
    string(STRIP "${EXPECT_EXIT}" EXPECT_EXIT)
    math(EXPR start2 "${nl1} + 1")
    string(SUBSTRING "${spec_text}" ${start2} -1 rest)
    string(FIND "${rest}" "\n" nl2)
    if(nl2 EQUAL -1)
        set(EXPECT_STDERR_REGEX "${rest}")
        set(command_line "")
    else()
        string(SUBSTRING "${rest}" 0 ${nl2} EXPECT_STDERR_REGEX)
        math(EXPR start3 "${nl2} + 1")
        string(SUBSTRING "${rest}" ${start3} -1 command_line)
        string(FIND "${command_line}" "\n" nl3)
        if(NOT nl3 EQUAL -1)
            string(SUBSTRING "${command_line}" 0 ${nl3} command_line)
        endif()
        string(STRIP "${command_line}" command_line)
    endif()
    if(command_line STREQUAL "")
        if(NOT DEFINED DEFAULT_COMMAND OR DEFAULT_COMMAND STREQUAL "")
            message(FATAL_ERROR "run_cli_case: ${EXPECT_SPEC} has no command (line 3) and "
                                "there is no DEFAULT_COMMAND for its folder")
        endif()
        set(command_line "${DEFAULT_COMMAND}")
    endif()
    if(NOT DEFINED ARGS AND NOT DEFINED ARGS_FILE)
        set(ARGS_LINE "${command_line}")
    endif()
    list(APPEND EXPECT_NO_FILE "@TMP@/out.json")
endif()

# ---- directories and substitutions ---------------------------------------------------------
if(NOT DEFINED CASE_DIR)
    if(DEFINED case_dir_default)
        set(CASE_DIR "${case_dir_default}")
    elseif(DEFINED INPUT)
        get_filename_component(CASE_DIR "${INPUT}" DIRECTORY)
    elseif(DEFINED ARGS_FILE)
        get_filename_component(CASE_DIR "${ARGS_FILE}" DIRECTORY)
    else()
        set(CASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    endif()
endif()
if(NOT DEFINED NAME)
    if(DEFINED case_name)
        get_filename_component(parent "${CASE_DIR}" NAME)
        set(NAME "${parent}.${case_name}")
    elseif(DEFINED INPUT)
        get_filename_component(parent "${CASE_DIR}" NAME)
        get_filename_component(base "${INPUT}" NAME)
        set(NAME "${parent}.${base}")
    else()
        set(NAME "case")
    endif()
endif()
if(NOT DEFINED TMP_ROOT)
    set(TMP_ROOT "${CMAKE_CURRENT_BINARY_DIR}/cli-tmp")
endif()
set(tmp "${TMP_ROOT}/${NAME}")
file(REMOVE_RECURSE "${tmp}")
file(MAKE_DIRECTORY "${tmp}")

function(substitute value out)
    set(v "${value}")
    if(DEFINED DATA_DIR)
        string(REPLACE "@DATA@" "${DATA_DIR}" v "${v}")
    endif()
    string(REPLACE "@CASE_DIR@" "${CASE_DIR}" v "${v}")
    string(REPLACE "@TMP@" "${tmp}" v "${v}")
    if(DEFINED INPUT)
        file(RELATIVE_PATH input_rel "${CASE_DIR}" "${INPUT}")
        string(REPLACE "@FILE@" "${input_rel}" v "${v}")
    endif()
    set(${out} "${v}" PARENT_SCOPE)
endfunction()

# ---- arguments ------------------------------------------------------------------------------
set(args "")
if(DEFINED ARGS_FILE)
    read_lines("${ARGS_FILE}" raw_args)
elseif(DEFINED ARGS_LINE)
    separate_arguments(raw_args UNIX_COMMAND "${ARGS_LINE}")
else()
    set(raw_args "${ARGS}")
endif()
foreach(a IN LISTS raw_args)
    substitute("${a}" a)
    list(APPEND args "${a}")
endforeach()

foreach(var STDIN EXPECT_STDOUT EXPECT_STDERR)
    if(DEFINED ${var})
        substitute("${${var}}" ${var})
    endif()
endforeach()
set(no_files "")
foreach(p IN LISTS EXPECT_NO_FILE)
    substitute("${p}" p)
    list(APPEND no_files "${p}")
endforeach()
set(written_files "")
foreach(pair IN LISTS EXPECT_FILE)
    substitute("${pair}" pair)
    list(APPEND written_files "${pair}")
endforeach()

if(NOT DEFINED EXPECT_EXIT OR EXPECT_EXIT STREQUAL "")
    set(EXPECT_EXIT 0)
endif()
if(DEFINED STDIN)
    set(stdin_file "${STDIN}")
else()
    set(stdin_file "/dev/null")
endif()

# ---- run ------------------------------------------------------------------------------------
set(out_file "${tmp}/.stdout")
set(err_file "${tmp}/.stderr")
execute_process(
    COMMAND "${BIN}" ${args}
    WORKING_DIRECTORY "${CASE_DIR}"
    INPUT_FILE "${stdin_file}"
    OUTPUT_FILE "${out_file}"
    ERROR_FILE "${err_file}"
    RESULT_VARIABLE exit_code
    TIMEOUT 30)

# Returns the bytes of an output with the machine-specific parts made stable: the version
# string becomes @VERSION@, and the absolute paths of @TMP@, @CASE_DIR@ and @DATA@ (which
# appear in messages that name a file) become those placeholders again.
function(read_normalised path out)
    file(READ "${path}" text)
    string(REPLACE "${tmp}" "@TMP@" text "${text}")
    string(REPLACE "${CASE_DIR}" "@CASE_DIR@" text "${text}")
    if(DEFINED DATA_DIR AND NOT DATA_DIR STREQUAL "")
        string(REPLACE "${DATA_DIR}" "@DATA@" text "${text}")
    endif()
    if(DEFINED VERSION AND NOT VERSION STREQUAL "")
        string(REPLACE "." "\\." ver_re "${VERSION}")
        # Only a whole version, not digits inside a longer number.
        string(REGEX REPLACE "(^|[^0-9.])${ver_re}([^0-9]|$)" "\\1@VERSION@\\2" text "${text}")
    endif()
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(have_diff OFF)
find_program(DIFF_PROGRAM diff)
if(DIFF_PROGRAM)
    set(have_diff ON)
endif()

# Compares `actual_text` with the golden file; rewrites it in update mode.
function(compare what golden actual_text)
    set(missing OFF)
    string(REPLACE " " "_" actual_name "${what}")
    set(actual_path "${tmp}/actual.${actual_name}")
    file(WRITE "${actual_path}" "${actual_text}")
    if(update)
        if(EXISTS "${golden}")
            file(READ "${golden}" old)
        else()
            set(old "")
            set(missing ON)
        endif()
        if(missing OR NOT old STREQUAL actual_text)
            file(WRITE "${golden}" "${actual_text}")
            message(STATUS "updated ${golden}")
        endif()
        return()
    endif()
    if(NOT EXISTS "${golden}")
        set(failures "${failures}${what}: golden file ${golden} is missing (run with SMARTKPI_UPDATE_GOLDEN=1 to create it)\n" PARENT_SCOPE)
        return()
    endif()
    file(READ "${golden}" expected)
    if(NOT expected STREQUAL actual_text)
        set(msg "${what} differs from ${golden}")
        if(have_diff)
            execute_process(COMMAND "${DIFF_PROGRAM}" -u "${golden}" "${actual_path}"
                            OUTPUT_VARIABLE d ERROR_VARIABLE d)
            string(LENGTH "${d}" dlen)
            if(dlen GREATER 20000)
                string(SUBSTRING "${d}" 0 20000 d)
                string(APPEND d "\n... (diff truncated)")
            endif()
            string(APPEND msg ":\n${d}")
        else()
            string(APPEND msg " (no diff program; actual output kept in ${actual_path})")
        endif()
        set(failures "${failures}${msg}\n" PARENT_SCOPE)
    endif()
endfunction()

# ---- exit code ------------------------------------------------------------------------------
if(NOT exit_code STREQUAL "${EXPECT_EXIT}")
    if(update AND DEFINED CASE AND exit_code MATCHES "^[0-9]+$")
        if(exit_code EQUAL 0)
            file(REMOVE "${CASE}.exit")
        else()
            file(WRITE "${CASE}.exit" "${exit_code}\n")
        endif()
        message(STATUS "updated ${CASE}.exit (${exit_code})")
    else()
        fail("exit code: expected ${EXPECT_EXIT}, got ${exit_code}")
    endif()
endif()

# ---- standard output ------------------------------------------------------------------------
read_normalised("${out_file}" stdout_text)
if(DEFINED EXPECT_STDOUT_REGEX)
    file(READ "${out_file}" raw_stdout)
    if(NOT raw_stdout MATCHES "${EXPECT_STDOUT_REGEX}")
        fail("standard output does not match the regex ${EXPECT_STDOUT_REGEX}:\n${raw_stdout}")
    endif()
elseif(DEFINED EXPECT_STDOUT)
    compare(stdout "${EXPECT_STDOUT}" "${stdout_text}")
elseif(NOT stdout_text STREQUAL "")
    fail("standard output should be empty but is:\n${stdout_text}")
endif()

# ---- standard error -------------------------------------------------------------------------
read_normalised("${err_file}" stderr_text)
if(DEFINED EXPECT_STDERR_REGEX)
    if(NOT DEFINED STDERR_HINT_REGEX)
        set(STDERR_HINT_REGEX "^Run 'smartkpi [^']*' for usage\\.$")
    endif()
    # Split into lines; every line must end with a newline.
    set(lines_ok OFF)
    set(stderr_line "")
    set(hint_line "")
    string(REGEX MATCH "^([^\n]+)\n(([^\n]+)\n)?$" whole "${stderr_text}")
    if(NOT whole STREQUAL "")
        set(stderr_line "${CMAKE_MATCH_1}")
        set(hint_line "${CMAKE_MATCH_3}")
        set(lines_ok ON)
    endif()
    if(NOT lines_ok)
        fail("standard error should be exactly one line (plus an optional usage hint) but is:\n${stderr_text}")
    else()
        if(NOT stderr_line MATCHES "${EXPECT_STDERR_REGEX}")
            fail("standard error does not match the regex\n  regex: ${EXPECT_STDERR_REGEX}\n  line:  ${stderr_line}")
        endif()
        if(NOT hint_line STREQUAL "" AND NOT hint_line MATCHES "${STDERR_HINT_REGEX}")
            fail("standard error has a second line that is not a usage hint:\n  ${hint_line}")
        endif()
    endif()
elseif(DEFINED EXPECT_STDERR)
    if(update AND DEFINED CASE AND stderr_text STREQUAL "")
        if(EXISTS "${EXPECT_STDERR}")
            file(REMOVE "${EXPECT_STDERR}")
            message(STATUS "removed ${EXPECT_STDERR} (standard error is now empty)")
        endif()
    else()
        compare(stderr "${EXPECT_STDERR}" "${stderr_text}")
    endif()
elseif(NOT stderr_text STREQUAL "")
    fail("standard error should be empty but is:\n${stderr_text}")
endif()

# ---- files ----------------------------------------------------------------------------------
foreach(pair IN LISTS written_files)
    string(FIND "${pair}" "=" eq)
    if(eq EQUAL -1)
        fail("EXPECT_FILE entry '${pair}' is not <path>=<golden>")
        continue()
    endif()
    string(SUBSTRING "${pair}" 0 ${eq} path)
    math(EXPR g "${eq} + 1")
    string(SUBSTRING "${pair}" ${g} -1 golden)
    if(NOT IS_ABSOLUTE "${golden}")
        set(golden "${CASE_DIR}/${golden}")
    endif()
    if(NOT IS_ABSOLUTE "${path}")
        set(path "${CASE_DIR}/${path}")
    endif()
    if(NOT EXISTS "${path}")
        fail("expected output file ${path} was not written")
        continue()
    endif()
    read_normalised("${path}" file_text)
    get_filename_component(file_name "${path}" NAME)
    compare("file ${file_name}" "${golden}" "${file_text}")
endforeach()

foreach(path IN LISTS no_files)
    if(NOT IS_ABSOLUTE "${path}")
        set(path "${CASE_DIR}/${path}")
    endif()
    if(EXISTS "${path}")
        fail("${path} exists but should not (partial output)")
    endif()
endforeach()
# No temporary file of an atomic write may be left behind either.
file(GLOB leftovers "${tmp}/.*.tmp.*")
if(leftovers)
    fail("temporary output files left behind: ${leftovers}")
endif()

if(NOT failures STREQUAL "")
    string(REPLACE ";" " " shown_args "${args}")
    # Details go out verbatim (NOTICE); FATAL_ERROR would re-wrap the diff.
    message("command: ${BIN} ${shown_args}\nin: ${CASE_DIR}\n${failures}")
    message(FATAL_ERROR "case ${NAME} failed")
endif()
if(update)
    message(STATUS "case ${NAME}: goldens up to date")
endif()
