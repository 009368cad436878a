package dev.portscope.source;

/**
 * One kernel table cannot be read from this source (netlink has no diag module for RAW sockets,
 * say), while others can: the caller may read that table elsewhere. Thrown before any socket of
 * the table was returned.
 */
public class TableUnavailableException extends SourceUnavailableException {
    private final Query.Table table;

    public TableUnavailableException(Query.Table table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    public Query.Table table() {
        return table;
    }
}
