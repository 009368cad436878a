package dev.portscope.source;

import dev.portscope.model.SocketEntry;

import java.util.stream.Stream;

/**
 * Where socket facts come from: the kernel over netlink, or /proc/net text (live or a snapshot).
 * Implementations keep no state between reads: what a read has to say goes into the
 * {@link ReadNotes} it is given, so one source serves concurrent reads.
 */
public interface SocketSource {

    /** A short name for messages, e.g. {@code procfs}. */
    String name();

    /**
     * The sockets matching {@code query}, read lazily. Close the stream (try-with-resources) to
     * release the files or kernel sockets behind it. The query's filter holds only conditions a
     * source can evaluate ({@link Query#evaluable}); the caller applies the rest.
     *
     * @param notes receives what is worth telling about this read (skipped lines, a refused filter
     *              program) as the stream is consumed
     * @throws SnapshotFormatException   when the input is not what this source reads (bad snapshot)
     * @throws SourceUnavailableException when this source cannot answer on this machine at all
     * @throws SourceException           when the kernel cannot be asked
     */
    Stream<SocketEntry> sockets(Query query, ReadNotes notes);
}
