package dev.portscope.cli;

import dev.portscope.linux.ProcRoot;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options shared by every command that reads the machine: where to read, and --debug. */
final class SourceOptions {
    @Option(names = "--proc-root", paramLabel = "DIR",
            description = "Read sockets from DIR instead of /proc: another proc mount or a snapshot directory "
                    + "holding net/tcp, net/tcp6, net/udp, net/udp6 (and sys/net/ipv4/ip_local_port_range).")
    Path procRoot;

    @Option(names = "--debug", description = "On failure, print the stack trace too.")
    boolean debug;

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
