package dev.portscope.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes likely to share a socket with its known owners: their parents, their children,
 * and their siblings unless the common parent is init (pid 1, whose children are every service),
 * or the kernel (0, 2). A forked server's master and workers are all found this way.
 */
final class Relatives {
    private Relatives() {
    }

    /** Of {@code pids}, those not yet {@code scanned} that are relatives of any of {@code owners}. */
    static List<Integer> of(ProcRoot proc, List<Integer> pids, Set<Integer> owners, Set<Integer> scanned) {
        Map<Integer, Integer> parents = new HashMap<>();
        for (int pid : pids) {
            ProcessInfo.parentPid(proc, pid).ifPresent(parent -> parents.put(pid, parent));
        }
        Set<Integer> ownersParents = new HashSet<>();
        for (int owner : owners) {
            Integer parent = parents.get(owner);
            if (parent != null) {
                ownersParents.add(parent);
            }
        }
        List<Integer> relatives = new ArrayList<>();
        for (int pid : pids) {
            Integer parent = parents.get(pid);
            boolean related = ownersParents.contains(pid)
                    || parent != null && (owners.contains(parent) || ownersParents.contains(parent) && parent > 2);
            if (related && !scanned.contains(pid)) {
                relatives.add(pid);
            }
        }
        return relatives;
    }
}
