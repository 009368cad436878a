package dev.portscope.source;

import dev.portscope.model.SocketEntry;

import java.util.List;
import java.util.stream.Stream;

/** Where socket facts come from: /proc/net text today, netlink sock_diag next. */
public interface SocketSource {

    /** A short name for messages, e.g. {@code procfs}. */
    String name();

    /**
     * The sockets matching {@code query}, read lazily. Close the stream (try-with-resources) to
     * release the files or kernel sockets behind it.
     *
     * @throws SnapshotFormatException when the input is not what this source reads (bad snapshot)
     * @throws SourceException         when the kernel cannot be asked
     */
    Stream<SocketEntry> sockets(Query query);

    /**
     * Things worth telling the user about the last read once its stream is consumed, such as
     * malformed lines that were skipped. Empty when all went well.
     */
    List<String> notes();

    /** Details of the last read that only {@code --debug} shows, such as a table read from /proc instead. */
    default List<String> debugNotes() {
        return List.of();
    }
}
