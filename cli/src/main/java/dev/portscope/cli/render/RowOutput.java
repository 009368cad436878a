package dev.portscope.cli.render;


import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Prints a view's rows in the {@link Format} asked for: a JSON array, JSON lines, CSV, a
 * table of the chosen columns, or the view's own text. Every view that prints rows (who, pairs,
 * port, top) goes through here, so --sort, -H and the formats mean the same everywhere.
 */
public final class RowOutput<T> {
    private final Format options;
    private final Columns<T> columns;
    private final BiConsumer<Json, T> json;

    /** {@code json} writes one row as one JSON object, the element of --json's array and a line of --jsonl. */
    public RowOutput(Format options, Columns<T> columns, BiConsumer<Json, T> json) {
        this.options = options;
        this.columns = columns;
        this.json = json;
    }

    /** Usage checks that need no data: one format, known column names. */
    public RowOutput<T> check() {
        if (!options.columnsHelp()) {
            columns.select(options.columns());
            columns.order(options.sort());
        }
        return this;
    }

    /** The rows in --sort's order (as given when no --sort). */
    public List<T> sorted(List<T> rows) {
        if (options.sort().isEmpty()) {
            return rows;
        }
        List<T> copy = new ArrayList<>(rows);
        copy.sort(columns.order(options.sort()));
        return copy;
    }

    /**
     * Prints the rows, sorted; {@code text} prints the view's own table when no format or columns
     * were asked for (it honours -H itself).
     */
    public void print(PrintWriter out, List<T> rows, Consumer<List<T>> text) {
        List<T> ordered = sorted(rows);
        if (options.json()) {
            Json.writeArray(out, ordered.iterator(), json);
        } else if (options.jsonl()) {
            Json.writeLines(out, ordered.iterator(), json);
        } else if (options.csv()) {
            columns.csv(out, columns.select(options.columns(), true), ordered, !options.noHeader());
        } else if (!options.columns().isEmpty()) {
            columns.table(out, columns.select(options.columns()), ordered, !options.noHeader());
        } else {
            text.accept(ordered);
        }
    }

    /** Prints the rows, sorted; with no format or --columns asked for, as a table of the default columns. */
    public void print(PrintWriter out, List<T> rows) {
        print(out, rows, ordered -> columns.table(out, columns.select(List.of()), ordered, !options.noHeader()));
    }

    /** Prints {@code --columns help}'s list when it was asked for; whether it was. */
    public boolean printedColumnsHelp(PrintWriter out) {
        if (!options.columnsHelp()) {
            return false;
        }
        columns.help().forEach(out::println);
        out.flush();
        return true;
    }
}
