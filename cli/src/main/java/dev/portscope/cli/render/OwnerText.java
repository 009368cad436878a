package dev.portscope.cli.render;

import dev.portscope.lookup.Owners;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;

import java.util.List;
import java.util.stream.Collectors;

/** -p in text: netstat's {@code PID/Program name} (every sharer), ss's {@code users:(...)}, and the column forms. */
public record OwnerText(Owners owners) implements NetstatTable.OwnerText {

    @Override
    public String of(SocketEntry socket, boolean ssStyle) {
        return text(socket, ssStyle);
    }

    /** netstat's {@code 812/nginx,813/nginx} or ss's {@code users:(("nginx",pid=812,fd=6),...)} for a socket of any family. */
    public String text(dev.portscope.model.KernelSocket socket, boolean ssStyle) {
        List<Owner> list = owners.of(socket);
        if (list.isEmpty()) {
            return ssStyle ? "" : "-";
        }
        StringBuilder out = new StringBuilder(ssStyle ? "users:(" : "");
        for (int i = 0; i < list.size(); i++) {
            Owner o = list.get(i);
            if (i > 0) {
                out.append(',');
            }
            if (ssStyle) {
                out.append("(\"").append(Visible.of(o.command())).append("\",pid=").append(o.pid()).append(",fd=").append(o.fd()).append(')');
            } else {
                out.append(o.pid()).append('/').append(Visible.of(o.command()));
            }
        }
        return ssStyle ? out.append(')').toString() : out.toString();
    }

    /** {@code 1234/curl}, each process once, sharers joined by commas; empty when none could be seen. */
    public static String pidsAndCommands(Owners owners, dev.portscope.model.KernelSocket socket) {
        return owners.of(socket).stream().map(o -> o.pid() + "/" + o.command()).distinct().collect(Collectors.joining(","));
    }

    /** {@code 812,813}: JSON's {@code owners[].pid}, joined by commas (one per owner, so they line up with the other owner columns). */
    public static String pids(Owners owners, dev.portscope.model.KernelSocket socket) {
        return owners.of(socket).stream().map(o -> Integer.toString(o.pid())).collect(Collectors.joining(","));
    }

    /** {@code nginx,nginx}: JSON's {@code owners[].command}, joined by commas. */
    public static String commands(Owners owners, dev.portscope.model.KernelSocket socket) {
        return owners.of(socket).stream().map(Owner::command).collect(Collectors.joining(","));
    }

    /** {@code www-data,www-data}: JSON's {@code owners[].user} (empty where unknown), joined by commas. */
    public static String users(Owners owners, dev.portscope.model.KernelSocket socket) {
        return owners.of(socket).stream().map(o -> o.process().user().orElse("")).collect(Collectors.joining(","));
    }
}
