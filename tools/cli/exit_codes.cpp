// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "exit_codes.hpp"

#include <smartkpi/error.hpp>

#include <CLI/CLI.hpp>

#include <new>
#include <ostream>

namespace smartkpi::cli {

int run_guarded(CLI::App& app,
                std::ostream& out,
                std::ostream& err,
                const std::function<void()>& body) {
    try {
        body();
        return kExitOk;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        err << "smartkpi: error: " << e.what() << "\nRun 'smartkpi --help' for usage.\n";
        return kExitUsage;
    } catch (const UsageError& e) {
        err << "smartkpi: error: " << e.what() << '\n';
        return kExitUsage;
    } catch (const DataError& e) {
        err << "smartkpi: error: " << e.what() << '\n';
        return kExitData;
    } catch (const InputError& e) {
        err << "smartkpi: error: " << e.what() << '\n';
        return kExitNoInput;
    } catch (const OutputError& e) {
        err << "smartkpi: error: " << e.what() << '\n';
        return e.kind() == OutputError::Kind::cannot_create ? kExitCantCreate : kExitIo;
    } catch (const std::bad_alloc&) {
        err << "smartkpi: error: out of memory\n";
        return kExitSoftware;
    } catch (const std::exception& e) {
        err << "smartkpi: error: " << e.what() << '\n';
        return kExitSoftware;
    }
}

} // namespace smartkpi::cli
