package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.linux.ProcessInfo;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketOwner;

/**
 * -p in JSON: {@code "owners": [{"pid", "fd", "command", "user", "uid", "commandLine", "started",
 * "unit", "cgroup"}]}, fields absent when they could not be read.
 */
record OwnerJson(Owners owners) implements SocketJson.Fields {

    @Override
    public void write(Json json, SocketEntry socket) {
        json.name("owners").beginArray();
        for (SocketOwner o : owners.of(socket)) {
            ProcessInfo p = owners.process(o.pid());
            json.beginObject().name("pid").value(o.pid()).name("fd").value(o.fd()).name("command").value(p.command());
            owners.user(p).ifPresent(u -> json.name("user").value(u));
            p.uid().ifPresent(u -> json.name("uid").value(u));
            p.commandLine().ifPresent(c -> json.name("commandLine").value(c));
            owners.started(p).ifPresent(t -> json.name("started").value(t.toString()));
            p.unit().ifPresent(u -> json.name("unit").value(u));
            p.cgroup().ifPresent(c -> json.name("cgroup").value(c));
            json.endObject();
        }
        json.endArray();
    }
}
