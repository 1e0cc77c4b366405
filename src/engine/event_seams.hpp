// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: joining the edges of consecutive pieces of one log (conventions §29), for
// `events merge` and for a run whose workers read consecutive regions of a file.
#pragma once

#include <smartkpi/engine/event_rollup.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace smartkpi::detail {

/// A piece's first interval of a machine that starts before the previous piece's last one
/// ends: that first interval is a bad row.
struct SeamOverlap {
    std::size_t piece = 0; ///< index of the later piece
    MachineSeam later;
    UnixMillis previous_end_ms = 0;
};

/// Joins each machine's seams piece by piece, in order (machine ids and keys already in one
/// rank space, `labels` holding every shift label a gap across a seam needs): DOWN episodes
/// that continue across a seam are joined, episodes a seam closes are counted, shift time
/// between the pieces' intervals is a gap. The failures and gaps go to `additions` by group
/// key; overlaps are listed, not joined. Returns the joined seams, sorted by machine.
std::vector<MachineSeam> join_seams(const std::vector<const std::vector<MachineSeam>*>& pieces,
                                    const EventOptions& options,
                                    const std::array<std::vector<std::string>, 4>& labels,
                                    std::map<EventKey, GroupSums>& additions,
                                    std::vector<SeamOverlap>& overlaps);

} // namespace smartkpi::detail
