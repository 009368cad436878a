package dev.portscope.cli.render;

/** {@code --columns} or {@code --sort} names a column the view does not have: bad usage (exit 2). */
public final class UnknownColumnException extends IllegalArgumentException {
    public UnknownColumnException(String message) {
        super(message);
    }
}
