package dev.portscope.cli;

import dev.portscope.cli.render.Format;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** How a view prints: its table, or JSON, JSON lines or CSV; with or without a header; which columns, in what order. */
final class OutputOptions {
    @Option(names = "--json", description = "One JSON array (fields in README.md).")
    boolean json;
    @Option(names = "--jsonl", description = "One JSON object per line, printed as they come (the objects of --json).")
    boolean jsonl;
    @Option(names = "--csv", description = "Comma-separated values (RFC 4180) with a header row; columns as --columns.")
    boolean csv;
    @Option(names = {"-H", "--no-header"}, description = "No header: the table's title and column names, CSV's first row.")
    boolean noHeader;
    @Option(names = "--columns", split = ",", paramLabel = "COL", completionCandidates = Docs.ColumnNames.class, description = "The columns to print, in order, for CSV "
            + "and for a plain column table; --columns help lists them.")
    List<String> columns = new ArrayList<>();
    @Option(names = "--sort", split = ",", paramLabel = "COL", completionCandidates = Docs.ColumnNames.class, description = "Sort rows by these columns (numbers as numbers; "
            + "a leading - sorts that column descending), e.g. --sort state,-recvq.")
    List<String> sort = new ArrayList<>();

    /** Whether JSON, either form, was asked for. */
    boolean anyJson() {
        return json || jsonl;
    }

    /** Whether the user asked for the list of columns ({@code --columns help}). */
    boolean columnsHelp() {
        return columns.equals(List.of("help"));
    }

    /** Exit-2 check: at most one machine format. */
    void check() {
        int formats = (json ? 1 : 0) + (jsonl ? 1 : 0) + (csv ? 1 : 0);
        if (formats > 1) {
            throw new UsageException("--json, --jsonl and --csv each pick the output format: give one of them");
        }
    }

    /** What these options ask for, checked. */
    Format format() {
        check();
        return new Format(json, jsonl, csv, noHeader, columns, sort);
    }
}
