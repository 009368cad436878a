package dev.portscope.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Who is whose parent, read once from {@code /proc/[pid]/stat}, to find the processes likely to
 * share a socket with its known owners: a socket is shared by inheriting it across fork, so its
 * holders are a parent and its children (a server's master and workers, systemd and a
 * socket-activated service).
 */
final class Relatives {
    private final List<Integer> pids;
    private final Map<Integer, Integer> parents = new HashMap<>();

    Relatives(ProcRoot proc, List<Integer> pids) {
        this.pids = pids;
        for (int pid : pids) {
            ProcessInfo.parentPid(proc, pid).ifPresent(parent -> parents.put(pid, parent));
        }
    }

    /** The children of {@code processes}. */
    List<Integer> childrenOf(Set<Integer> processes) {
        return select(pid -> processes.contains(parents.getOrDefault(pid, 0)));
    }

    Set<Integer> parentsOf(Set<Integer> processes) {
        Set<Integer> all = new java.util.HashSet<>();
        for (int p : processes) {
            Integer parent = parents.get(p);
            if (parent != null && parent > 0) {
                all.add(parent);
            }
        }
        return all;
    }

    private List<Integer> select(IntPredicate wanted) {
        List<Integer> selected = new ArrayList<>();
        for (int pid : pids) {
            if (wanted.test(pid)) {
                selected.add(pid);
            }
        }
        return selected;
    }
}
