package dev.portscope.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Named columns over rows of {@code T}: what --columns, --sort and --csv work with in every view.
 * A view declares its columns once, with the default sets; the rest follows from here. A data
 * column is named by the path of its field in the view's JSON ({@code local.port},
 * {@code owners.pid}), so CSV and JSON speak one schema; a text column ({@link #addText}) is a
 * rendering for eyes ({@code client} = address:port) and no CSV holds it unless asked for by name.
 * Aliases keep netstat-style short names working ({@code --sort rport}); output uses the real name.
 */
public final class Columns<T> {
    /** Where a column shows when no --columns is given. */
    public enum Default {
        NONE, BOTH, TABLE, CSV
    }

    private final Map<String, Function<T, String>> all = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final List<String> tableDefaults = new ArrayList<>();
    private final List<String> csvDefaults = new ArrayList<>();

    /** Adds a data column (a JSON field path), part of both default sets when {@code byDefault}. */
    public Columns<T> add(String name, String description, boolean byDefault, Function<T, String> value) {
        return add(name, description, byDefault ? Default.BOTH : Default.NONE, value);
    }

    /** Adds a data column (a JSON field path), in the default sets {@code where} says. */
    public Columns<T> add(String name, String description, Default where, Function<T, String> value) {
        all.put(name, value);
        help.put(name, description);
        if (where == Default.BOTH || where == Default.TABLE) {
            tableDefaults.add(name);
        }
        if (where == Default.BOTH || where == Default.CSV) {
            csvDefaults.add(name);
        }
        return this;
    }

    /** Adds a text column (no JSON field): a default of the table when {@code inTable}, never of CSV. */
    public Columns<T> addText(String name, String description, boolean inTable, Function<T, String> value) {
        return add(name, description + " (text)", inTable ? Default.TABLE : Default.NONE, value);
    }

    /** Lets {@code alias} stand for the column {@code name}. */
    public Columns<T> alias(String alias, String name) {
        aliases.put(alias, name);
        return this;
    }

    /** The real name of a column name or alias. */
    private String canonical(String name) {
        return aliases.getOrDefault(name, name);
    }

    /** The table's columns asked for (its defaults when none): unknown names are a usage error naming the known ones. */
    public List<String> select(List<String> asked) {
        return select(asked, false);
    }

    /** The columns asked for, CSV's or the table's defaults when none; aliases resolved. */
    public List<String> select(List<String> asked, boolean csv) {
        List<String> names = asked.isEmpty() ? (csv ? csvDefaults : tableDefaults) : asked.stream().map(this::canonical).toList();
        names.forEach(this::column);
        return List.copyOf(names);
    }

    public String value(String name, T row) {
        return column(name).apply(row);
    }

    /** Rows compared by these columns in turn; a leading {@code -} reverses one; numbers compare as numbers. */
    public Comparator<T> order(List<String> keys) {
        Comparator<T> order = (a, b) -> 0;
        for (String key : keys) {
            boolean descending = key.startsWith("-");
            Function<T, String> value = column(canonical(descending ? key.substring(1) : key));
            Comparator<T> byKey = (a, b) -> compareValues(value.apply(a), value.apply(b));
            order = order.thenComparing(descending ? byKey.reversed() : byKey);
        }
        return order;
    }

    /** Every column name and alias, for shell completion. */
    public List<String> names() {
        List<String> names = new ArrayList<>(help.keySet());
        names.addAll(aliases.keySet());
        return names;
    }

    /** {@code name  description} lines, for --columns help. */
    public List<String> help() {
        List<String> lines = new ArrayList<>();
        int width = help.keySet().stream().mapToInt(String::length).max().orElse(0);
        help.forEach((name, text) -> lines.add("  " + name + " ".repeat(width - name.length() + 2) + text
                + (tableDefaults.contains(name) && csvDefaults.contains(name) ? " (default)"
                : tableDefaults.contains(name) ? " (default in tables)" : csvDefaults.contains(name) ? " (default in CSV)" : "")));
        if (!aliases.isEmpty()) {
            lines.add("  also: " + String.join(", ", aliases.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()));
        }
        return lines;
    }

    private Function<T, String> column(String name) {
        Function<T, String> column = all.get(name);
        if (column == null) {
            throw new UnknownColumnException("no column '" + name + "'; columns are " + String.join(", ", all.keySet())
                    + (aliases.isEmpty() ? "" : " (or " + String.join(", ", aliases.keySet()) + ")"));
        }
        return column;
    }

    private static int compareValues(String a, String b) {
        boolean numbers = isNumber(a) && isNumber(b);
        return numbers ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = s.charAt(0) == '-' && s.length() > 1 ? 1 : 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes rows as CSV (RFC 4180: quoted when a value holds a comma, quote or line break). */
    public void csv(PrintWriter out, List<String> names, Iterable<T> rows, boolean header) {
        if (header) {
            out.println(String.join(",", names.stream().map(Columns::csvField).toList()));
        }
        StringBuilder line = new StringBuilder();
        for (T row : rows) {
            line.setLength(0);
            for (int i = 0; i < names.size(); i++) {
                line.append(i == 0 ? "" : ",").append(csvField(value(names.get(i), row)));
            }
            out.println(line);
        }
    }

    /** Writes rows as a plain table, each column as wide as its widest value, upper-case names on top. */
    public void table(PrintWriter out, List<String> names, List<T> rows, boolean header) {
        int[] widths = new int[names.size()];
        List<String[]> cells = new ArrayList<>();
        for (T row : rows) {
            String[] c = new String[names.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = Visible.of(value(names.get(i), row)); // a table is for eyes: CSV keeps the text as it is
                widths[i] = Math.max(widths[i], c[i].length());
            }
            cells.add(c);
        }
        if (header) {
            String[] titles = names.stream().map(n -> n.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new);
            for (int i = 0; i < titles.length; i++) {
                widths[i] = Math.max(widths[i], titles[i].length());
            }
            printRow(out, titles, widths);
        }
        cells.forEach(c -> printRow(out, c, widths));
    }

    private static void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.repeat(' ', widths[i] - cells[i].length() + 2);
            }
        }
        out.println(line);
    }

    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
