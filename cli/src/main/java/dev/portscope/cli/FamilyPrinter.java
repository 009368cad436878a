package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.FamilyColumns;
import dev.portscope.cli.render.FamilyJson;
import dev.portscope.cli.render.FamilyText;
import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.NetstatTable;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.OwnerText;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.lookup.Owners;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.UnixSocket;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Prints the families beside inet in the listing's formats: tables, JSON (after the inet sockets), CSV and columns. */
final class FamilyPrinter {
    private final Environment environment;
    private final OutputOptions output;
    private final NameOptions names;
    private final boolean processes;
    private final boolean namespaces;
    private final Portscope portscope;
    private Optional<Owners> owners = Optional.empty();

    FamilyPrinter(Environment environment, OutputOptions output, NameOptions names, boolean processes, boolean namespaces, Portscope portscope) {
        this.environment = environment;
        this.output = output;
        this.names = names;
        this.processes = processes;
        this.namespaces = namespaces;
        this.portscope = portscope;
    }

    private Optional<Owners> owners() {
        if (processes && owners.isEmpty()) {
            owners = Optional.of(portscope.owners());
        }
        return owners;
    }

    /** The sections after the inet table, in netstat's order. */
    void text(PrintWriter out, OtherFamilies others, NetstatTable.Scope scope) {
        FamilyText text = new FamilyText(out, environment.terminal().style(), owners().map(OwnerText::new),
                namespaces ? Optional.of(others.namespaces()) : Optional.empty(), !output.noHeader);
        if (!others.asked().unix().isEmpty()) {
            text.unix(others.unix(), scope);
        }
        if (!others.asked().packet().isEmpty()) {
            text.packet(others.packet(), names.portsAsNumbers());
        }
        if (others.asked().netlink()) {
            text.netlink(others.netlink(), names.portsAsNumbers(), portscope::command);
        }
    }

    /** One JSON array (or JSON lines): the inet sockets as they stream, then the others. */
    void json(PrintWriter out, Iterator<SocketEntry> inet, List<? extends SocketJson.Fields> lookups, OtherFamilies others) {
        FamilyJson family = family(others);
        Iterator<KernelSocket> all = Stream.concat(iterate(inet), others.all()).iterator();
        java.util.function.BiConsumer<Json, KernelSocket> object = (json, s) -> {
            switch (s) {
                case SocketEntry e -> SocketJson.write(json, e, lookups);
                case UnixSocket u -> family.unix(json, u);
                case PacketSocket p -> family.packet(json, p);
                case NetlinkSocket n -> family.netlink(json, n);
            }
        };
        if (output.jsonl) {
            Json.writeLines(out, all, object);
        } else {
            Json.writeArray(out, all, object);
        }
    }

    private FamilyJson family(OtherFamilies others) {
        return new FamilyJson(owners().map(OwnerJson::new), namespaces ? Optional.of(others.namespaces()) : Optional.empty(),
                inode -> Optional.ofNullable(others.unixByInode().get(inode)));
    }

    private static Stream<KernelSocket> iterate(Iterator<SocketEntry> it) {
        Iterable<SocketEntry> once = () -> it;
        return java.util.stream.StreamSupport.stream(once.spliterator(), false).map(KernelSocket.class::cast);
    }

    /** A listing of these families alone (no -t -u -w): any format, then what the reads had to say. */
    void print(PrintWriter out, PrintWriter err, OtherFamilies others, NetstatTable.Scope scope) {
        boolean columnar = output.csv || !output.columns.isEmpty() || !output.sort.isEmpty();
        if (output.anyJson()) {
            json(out, java.util.Collections.emptyIterator(), List.of(), others);
        } else if (columnar) {
            if (others.kinds() > 1) {
                throw new UsageException("--csv, --columns and --sort take one kind of socket at a time: -x, -0 or --netlink");
            }
            if (!others.asked().packet().isEmpty()) {
                columns(out, FamilyColumns.packet(owners(), processes), others.packet());
            } else if (others.asked().netlink()) {
                columns(out, FamilyColumns.netlink(owners(), processes), others.netlink());
            } else {
                columns(out, FamilyColumns.unix(owners(), processes, others.unixByInode()), others.unix());
            }
        } else {
            text(out, others, scope);
        }
        out.flush();
        others.notes().forEach(note -> err.println("portscope: " + note));
        owners.flatMap(Owners::hint).ifPresent(hint -> err.println("portscope: " + hint));
    }

    /** The columns of the one family beside inet that was asked for, for --columns help. */
    static Columns<?> columns(FamilyOptions.Asked asked, boolean processes) {
        return !asked.packet().isEmpty() ? FamilyColumns.packet(Optional.empty(), processes)
                : asked.netlink() ? FamilyColumns.netlink(Optional.empty(), processes)
                : FamilyColumns.unix(Optional.empty(), processes, java.util.Map.of());
    }

    private <T> void columns(PrintWriter out, Columns<T> columns, List<T> sockets) {
        List<String> shown = columns.select(output.columns, output.csv);
        List<T> rows = new ArrayList<>(sockets);
        if (!output.sort.isEmpty()) {
            rows.sort(columns.order(output.sort));
        }
        if (output.csv) {
            columns.csv(out, shown, rows, !output.noHeader);
        } else {
            columns.table(out, shown, rows, !output.noHeader);
        }
    }
}
