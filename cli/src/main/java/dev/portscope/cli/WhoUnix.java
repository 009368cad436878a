package dev.portscope.cli;

import dev.portscope.FamilyListing;
import dev.portscope.Portscope;
import dev.portscope.cli.render.FamilyColumns;
import dev.portscope.cli.render.FamilyJson;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.cli.render.Visible;
import dev.portscope.filter.PathMatch;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.UnixPairs;
import dev.portscope.model.Netns;
import dev.portscope.model.Owner;
import dev.portscope.model.UnixSocket;
import dev.portscope.source.Query;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code portscope who /run/docker.sock} (or {@code @abstract}): who listens on a UNIX socket name
 * and who is connected through it, with the processes on both ends.
 */
final class WhoUnix {
    private final List<String> names;
    private final OutputOptions output;
    private final boolean namespaces;

    WhoUnix(List<String> names, OutputOptions output, boolean namespaces) {
        this.names = names;
        this.output = output;
        this.namespaces = namespaces;
    }

    /** Whether the arguments name UNIX sockets; both kinds at once is a usage error. */
    static boolean asked(List<String> arguments) {
        long paths = arguments.stream().filter(PathMatch::isPath).count();
        if (paths > 0 && paths < arguments.size()) {
            throw new UsageException("who takes ports or UNIX socket paths, not both at once: portscope who 8080; portscope who /run/x.sock");
        }
        return paths > 0;
    }

    /** --columns help, when asked for; whether it was. Unknown column names are refused here, before any read. */
    boolean printedColumnsHelp(PrintWriter out) {
        return new RowOutput<UnixSocket>(output.format(), FamilyColumns.unix(Optional.empty(), true, Map.of()), (j, s) -> { })
                .check().printedColumnsHelp(out);
    }

    int view(PrintWriter out, PrintWriter err, Portscope portscope) {
        FamilyListing<UnixSocket> read = portscope.unixSockets(Query.EVERY_STATE, true);
        Map<Long, Netns> where = new HashMap<>();
        read.namespaces().forEach(n -> where.put(n.inode(), n));
        Map<Long, UnixSocket> byInode = UnixPairs.byInode(read.sockets());
        Map<String, UnixPairs.Using> using = new LinkedHashMap<>();
        for (String name : names) {
            using.put(name, UnixPairs.using(read.sockets(), name.startsWith("unix:") ? name.substring(5) : name));
        }
        Map<Long, UnixSocket> shown = new LinkedHashMap<>(); // bound ends, then each connection's server and client end
        using.values().forEach(u -> {
            u.bound().forEach(s -> shown.putIfAbsent(s.inode(), s));
            u.connections().forEach(p -> {
                shown.putIfAbsent(p.server().inode(), p.server());
                shown.putIfAbsent(p.client().inode(), p.client());
            });
        });
        Owners owners = portscope.owners();
        FamilyJson json = new FamilyJson(Optional.of(new OwnerJson(owners)), namespaces ? Optional.of(where) : Optional.empty(),
                inode -> Optional.ofNullable(byInode.get(inode)));
        RowOutput<UnixSocket> rows = new RowOutput<>(output.format(), FamilyColumns.unix(Optional.of(owners), true, byInode), json::unix);
        rows.print(out, new ArrayList<>(shown.values()), sorted -> text(out, using, owners, where));
        out.flush();
        read.notes().forEach(n -> err.println("portscope: " + n));
        if (shown.isEmpty()) {
            err.println("portscope: no UNIX socket is bound to " + String.join(" or ", names)
                    + (namespaces ? "" : " in this network namespace (--all-netns looks in every one)"));
            return Failures.RUNTIME;
        }
        owners.hint().ifPresent(h -> err.println("portscope: " + h));
        return Failures.OK;
    }

    private void text(PrintWriter out, Map<String, UnixPairs.Using> using, Owners owners, Map<Long, Netns> where) {
        using.forEach((name, u) -> {
            long pending = u.bound().stream().filter(UnixSocket::isListening).mapToLong(UnixSocket::recvQ).sum();
            out.println(Visible.of(name) + " (unix): " + u.bound().size() + " bound, " + u.connections().size() + " connected"
                    + (pending > 0 ? ", " + pending + " waiting to be accepted" : ""));
            for (UnixSocket s : u.bound()) {
                out.println("  " + (s.isListening() ? "LISTEN " : "BOUND  ") + " " + type(s) + "  " + who(owners, s)
                        + "  inode " + s.inode() + (s.isListening() ? "  " + s.recvQ() + " waiting, backlog " + s.sendQ() : "")
                        + netns(s, where));
            }
            for (UnixPairs.UnixPair p : u.connections()) {
                out.println("  " + who(owners, p.client()) + " -> " + who(owners, p.server()) + "  " + type(p.server())
                        + "  inodes " + p.client().inode() + " -> " + p.server().inode() + netns(p.server(), where));
            }
        });
    }

    private String netns(UnixSocket s, Map<Long, Netns> where) {
        return namespaces ? "  netns " + Netns.labelOf(s.netns(), where) : "";
    }

    private static String type(UnixSocket s) {
        return s.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code 812/nginx (www-data)}, sharers joined by commas; {@code ?} when no owner could be seen. */
    private static String who(Owners owners, UnixSocket s) {
        List<Owner> list = owners.of(s);
        if (list.isEmpty()) {
            return owners.hidden(s) ? "?" : "-";
        }
        return list.stream().map(o -> o.pid() + "/" + Visible.of(o.command()) + o.process().user().map(u -> " (" + Visible.of(u) + ")").orElse(""))
                .distinct().collect(Collectors.joining(", "));
    }
}
