package dev.portscope.cli;

import dev.portscope.Listing;
import dev.portscope.Portscope;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Options shared by every command that reads the machine: where and how to read, and --debug. */
final class SourceOptions {
    @Option(names = "--proc-root", paramLabel = "DIR",
            description = "Read sockets from DIR instead of /proc: another proc mount or a snapshot directory "
                    + "holding net/tcp, net/tcp6, net/udp, net/udp6 (and sys/net/ipv4/ip_local_port_range).")
    Path procRoot;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "Where sockets come from: auto, netlink or procfs; auto (the default) is netlink (sock_diag, "
                    + "as ss), else procfs (/proc/net text, as netstat).")
    Portscope.Source source = Portscope.Source.AUTO;

    @Option(names = "--debug", description = "On failure, print the stack trace too; say which source was used and why.")
    boolean debug;

    /** The facade these options ask for. */
    Portscope open(Environment environment) {
        return open(environment, new NamespaceOptions());
    }

    /** The facade these options ask for, over the namespaces {@code namespaces} asks for. */
    Portscope open(Environment environment, NamespaceOptions namespaces) {
        if (procRoot != null && !Files.isDirectory(procRoot)) {
            throw new UsageException("--proc-root " + procRoot + ": no such directory; give /proc or a snapshot directory");
        }
        boolean snapshot = procRoot != null || environment.procRoot().isPresent();
        if (snapshot && source == Portscope.Source.NETLINK) {
            throw new UsageException("--source netlink asks the running kernel and cannot read a --proc-root snapshot; drop one of them");
        }
        if (snapshot && namespaces.any()) {
            throw new UsageException("-N and --all-netns read the running host's namespaces, not a --proc-root snapshot; drop one of them");
        }
        return environment.open(Optional.ofNullable(procRoot), source, namespaces::apply);
    }

    /** What the read had to say: its notes, and with --debug where the sockets came from. */
    void printNotes(PrintWriter err, Listing listing) {
        listing.notes().forEach(note -> err.println("portscope: " + note));
        debugLines(listing).forEach(line -> err.println("portscope: " + line));
    }

    /** With --debug, the read's debug notes and which source it used and why; without, nothing. */
    List<String> debugLines(Listing listing) {
        if (!debug) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(listing.debugNotes());
        lines.add("source " + listing.source() + listing.fallbackReason().map(r -> " (" + r + ")").orElse(""));
        return lines;
    }
}
