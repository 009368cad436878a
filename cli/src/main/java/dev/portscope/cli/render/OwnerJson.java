package dev.portscope.cli.render;

import dev.portscope.lookup.Owners;
import dev.portscope.model.Owner;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.SocketEntry;

/**
 * -p in JSON: {@code "owners": [{"pid", "fd", "command", "user", "uid", "commandLine", "started",
 * "unit", "cgroup"}]}, fields absent when they could not be read; {@code []} when no process holds
 * the socket, {@code null} when its owners could not be seen (not root).
 */
public record OwnerJson(Owners owners) implements SocketJson.Fields {

    @Override
    public void write(Json json, SocketEntry socket) {
        write(json, "owners", socket);
    }

    /** {@code name: [owners]} of any socket: null when they could not be seen. */
    public void write(Json json, String name, dev.portscope.model.KernelSocket socket) {
        if (owners.hidden(socket)) {
            json.name(name).nullValue();
            return;
        }
        json.name(name).beginArray();
        for (Owner o : owners.of(socket)) {
            ProcessInfo p = o.process();
            json.beginObject().name("pid").value(o.pid()).name("fd").value(o.fd()).name("command").value(p.command());
            p.user().ifPresent(u -> json.name("user").value(u));
            p.uid().ifPresent(u -> json.name("uid").value(u));
            p.commandLine().ifPresent(c -> json.name("commandLine").value(c));
            p.started().ifPresent(t -> json.name("started").value(t.toString()));
            p.unit().ifPresent(u -> json.name("unit").value(u));
            p.cgroup().ifPresent(c -> json.name("cgroup").value(c));
            json.endObject();
        }
        json.endArray();
    }
}
