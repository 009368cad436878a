package dev.portscope.cli;

import dev.portscope.cli.render.NetstatTable;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketOwner;

import java.util.List;

/** -p in the table: netstat's {@code PID/Program name} (every sharer), or ss's {@code users:(...)}. */
record OwnerText(Owners owners) implements NetstatTable.OwnerText {

    @Override
    public String of(SocketEntry socket, boolean ssStyle) {
        List<SocketOwner> list = owners.of(socket);
        if (list.isEmpty()) {
            return ssStyle ? "" : "-";
        }
        StringBuilder out = new StringBuilder(ssStyle ? "users:(" : "");
        for (int i = 0; i < list.size(); i++) {
            SocketOwner o = list.get(i);
            String command = owners.process(o.pid()).command();
            if (i > 0) {
                out.append(',');
            }
            if (ssStyle) {
                out.append("(\"").append(command).append("\",pid=").append(o.pid()).append(",fd=").append(o.fd()).append(')');
            } else {
                out.append(o.pid()).append('/').append(command);
            }
        }
        return ssStyle ? out.append(')').toString() : out.toString();
    }
}
