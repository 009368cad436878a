package dev.portscope.cli.render;

import java.util.List;

/**
 * The output a user asked a view for: JSON (an array, or one object per line), CSV, or the
 * view's own text; with or without headers; which columns, sorted by which.
 */
public record Format(boolean json, boolean jsonl, boolean csv, boolean noHeader, List<String> columns, List<String> sort) {
    public Format {
        columns = List.copyOf(columns);
        sort = List.copyOf(sort);
    }

    /** Whether JSON, either form, was asked for. */
    public boolean anyJson() {
        return json || jsonl;
    }

    /** Whether the user asked for the list of columns ({@code --columns help}). */
    public boolean columnsHelp() {
        return columns.equals(List.of("help"));
    }
}
