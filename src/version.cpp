// SPDX-License-Identifier: MIT
#include <smartkpi/version_config.hpp>
