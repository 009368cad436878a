package dev.portscope.cli.render;

import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;

import java.io.PrintWriter;
import java.util.Iterator;

/**
 * Sockets as JSON. Field names are part of portscope's interface (README.md, "JSON output") and
 * change only with notice: protocol, family, state, local {address, port}, remote {address, port},
 * recvQ, sendQ, uid, inode.
 */
public final class SocketJson {
    private SocketJson() {
    }

    /** One array, one object per line, written as the sockets arrive. */
    public static void writeArray(PrintWriter out, Iterator<SocketEntry> sockets) {
        out.print('[');
        boolean first = true;
        while (sockets.hasNext()) {
            out.print(first ? "\n" : ",\n");
            first = false;
            write(new Json(out), sockets.next());
        }
        out.println(first ? "]" : "\n]");
    }

    /** One socket as one JSON object. */
    public static void write(Json json, SocketEntry s) {
        json.beginObject()
                .name("protocol").value(s.protocol().label())
                .name("family").value(s.family().label())
                .name("state").value(s.state().name());
        endpoint(json.name("local"), s.local());
        endpoint(json.name("remote"), s.remote());
        json.name("recvQ").value(s.recvQ())
                .name("sendQ").value(s.sendQ())
                .name("uid").value(s.uid())
                .name("inode").value(s.inode())
                .endObject();
    }

    private static void endpoint(Json json, Endpoint e) {
        json.beginObject().name("address").value(e.hostString()).name("port").value(e.port()).endObject();
    }
}
