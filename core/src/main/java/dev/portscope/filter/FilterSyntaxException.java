package dev.portscope.filter;

/**
 * A filter expression that does not parse: what is wrong, and where, so that a caller can print
 * the expression with a caret under the offending token.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
    private final String expression;
    private final int start;
    private final int length;

    FilterSyntaxException(String reason, String expression, int start, int length) {
        super(reason);
        this.expression = expression;
        this.start = start;
        this.length = Math.max(1, length);
    }

    /** The whole expression, as the parser saw it (the arguments joined by spaces). */
    public String expression() {
        return expression;
    }

    /** Offset of the bad token in {@link #expression()}; its length at the end means "more was expected". */
    public int start() {
        return start;
    }

    /** The expression, and under it carets marking the bad token: two lines, no line break at the end. */
    public String pointer() {
        return expression + System.lineSeparator() + " ".repeat(start) + "^".repeat(length);
    }
}
