package dev.portscope.cli.render;

import dev.portscope.lookup.Owners;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.Direction;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketEvent;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code portscope watch --jsonl}: one object per event, {@code time} and {@code event} first,
 * then the socket's fields as the listing writes them (one schema), then {@code direction},
 * {@code owners} ({@code null} when unknown), and per kind {@code from} (state) or
 * {@code attribution}, {@code lifetimeMs}, {@code seenBy}, {@code sentBytes}, {@code receivedBytes} (close).
 */
public final class EventJson {
    private EventJson() {
    }

    public static void write(PrintWriter out, SocketEvent event) {
        Json json = new Json(out);
        switch (event) {
            case SocketEvent.Lost l -> json.beginObject().name("time").value(l.at().toString()).name("event").value("lost").endObject();
            case SocketEvent.Opened o -> socket(json, o, "open", o.socket(), o.direction(), Optional.of(o.owners()), List.of());
            case SocketEvent.StateChanged c -> socket(json, c, "state", c.socket(), c.direction(), Optional.of(c.owners()),
                    List.of((j, s) -> j.name("from").value(c.from().netstatName())));
            case SocketEvent.Closed c -> socket(json, c, "close", c.socket(), c.direction(),
                    c.attribution() == SocketEvent.Attribution.UNKNOWN ? Optional.empty() : Optional.of(c.owners()),
                    List.of((j, s) -> {
                        j.name("attribution").value(c.attribution().label()).name("lifetimeMs");
                        c.lifetime().ifPresentOrElse(d -> j.value(d.toMillis()), j::nullValue);
                        j.name("seenBy").value(c.seenByDump() ? "dump" : "event");
                        j.name("sentBytes");
                        c.transferred().ifPresentOrElse(t -> j.value(t.sent()), j::nullValue);
                        j.name("receivedBytes");
                        c.transferred().flatMap(t -> t.received().isPresent() ? Optional.of(t.received().getAsLong()) : Optional.empty())
                                .ifPresentOrElse(j::value, j::nullValue);
                    }));
        }
        out.println();
    }

    private static void socket(Json json, SocketEvent event, String kind, SocketEntry socket, Optional<Direction> direction,
                               Optional<List<Owner>> owners, List<SocketJson.Fields> more) {
        List<SocketJson.Fields> fields = new ArrayList<>();
        fields.add((j, s) -> j.name("direction").value(direction.map(Direction::label).orElse(null)));
        fields.add(owners.<SocketJson.Fields>map(list -> new OwnerJson(listed(list))).orElse((j, s) -> j.name("owners").nullValue()));
        fields.addAll(more);
        SocketJson.write(json, socket, (j, s) -> j.name("time").value(event.at().toString()).name("event").value(kind), fields);
    }

    /** These owners as the {@link Owners} OwnerJson writes, for the one socket they belong to. */
    private static Owners listed(List<Owner> owners) {
        return new Owners() {
            @Override
            public List<Owner> of(KernelSocket socket) {
                return owners;
            }

            @Override
            public int unreadable() {
                return 0;
            }
        };
    }
}
