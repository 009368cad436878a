package dev.portscope.linux.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is whose parent, read once from {@code /proc/[pid]/stat}, to find the processes likely to
 * share a socket with its known owners: a socket is shared by inheriting it across fork, so its
 * holders are a parent and its children (a server's master and workers, systemd and a
 * socket-activated service).
 */
final class Relatives {
    private final Map<Integer, Integer> parents = new HashMap<>();
    private final Map<Integer, List<Integer>> children = new HashMap<>();

    Relatives(ProcRoot proc, List<Integer> pids) {
        for (int pid : pids) {
            ProcessFiles.parentPid(proc, pid).ifPresent(parent -> {
                parents.put(pid, parent);
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(pid);
            });
        }
    }

    /** The children of {@code parent}, in the order the processes were listed. */
    List<Integer> childrenOf(int parent) {
        return children.getOrDefault(parent, List.of());
    }

    Set<Integer> parentsOf(Set<Integer> processes) {
        Set<Integer> all = new HashSet<>();
        for (int p : processes) {
            Integer parent = parents.get(p);
            if (parent != null && parent > 0) {
                all.add(parent);
            }
        }
        return all;
    }
}
