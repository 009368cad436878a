package dev.portscope.cli;

import dev.portscope.linux.ProcRoot;
import dev.portscope.source.SocketSource;
import dev.portscope.source.Sources;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options shared by every command that reads the machine: where and how to read, and --debug. */
final class SourceOptions {
    @Option(names = "--proc-root", paramLabel = "DIR",
            description = "Read sockets from DIR instead of /proc: another proc mount or a snapshot directory "
                    + "holding net/tcp, net/tcp6, net/udp, net/udp6 (and sys/net/ipv4/ip_local_port_range).")
    Path procRoot;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "Where sockets come from: auto (default: netlink, else /proc), netlink (sock_diag, as ss) "
                    + "or procfs (/proc/net text, as netstat).")
    Choice source = Choice.AUTO;

    @Option(names = "--debug", description = "On failure, print the stack trace too; say which source was used and why.")
    boolean debug;

    enum Choice { AUTO, NETLINK, PROCFS }

    /** The socket source these options ask for; {@code proc} is what {@link #proc} returned. */
    SocketSource socketSource(Environment environment, ProcRoot proc) {
        boolean snapshot = procRoot != null || !environment.liveKernel();
        if (snapshot && source == Choice.NETLINK) {
            throw new UsageException("--source netlink asks the running kernel and cannot read a --proc-root snapshot; drop one of them");
        }
        if (snapshot || source == Choice.PROCFS) {
            return Sources.procfs(proc);
        }
        return source == Choice.NETLINK ? Sources.netlink() : Sources.auto();
    }

    ProcRoot proc(Environment environment) {
        if (procRoot == null) {
            return environment.proc();
        }
        if (!Files.isDirectory(procRoot)) {
            throw new UsageException("--proc-root " + procRoot + ": no such directory; give /proc or a snapshot directory");
        }
        return ProcRoot.at(procRoot);
    }
}
