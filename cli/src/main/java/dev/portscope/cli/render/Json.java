package dev.portscope.cli.render;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * A small streaming JSON writer: portscope-cli prints JSON without a library. Text collects in a
 * buffer and goes to the writer when a top-level value is complete: a PrintWriter call per
 * character (each one synchronized) made 100k sockets' JSON twice as slow as the table. One
 * instance writes any number of top-level values, one after the other, reusing its buffer.
 */
public final class Json {
    private final PrintWriter out;
    private final StringBuilder buf = new StringBuilder(512);
    private boolean needComma;
    private int depth;

    public Json(PrintWriter out) {
        this.out = out;
    }

    /** One array, one object per line, each written as its row arrives: {@code [\n{..},\n{..}\n]}, or {@code []}. */
    public static <T> void writeArray(PrintWriter out, Iterator<T> rows, BiConsumer<Json, T> object) {
        out.print('[');
        boolean first = true;
        Json json = new Json(out);
        while (rows.hasNext()) {
            out.print(first ? "\n" : ",\n");
            first = false;
            object.accept(json, rows.next());
        }
        out.println(first ? "]" : "\n]");
    }

    /** JSON lines: one object per line, each written as its row arrives; nothing for no rows. */
    public static <T> void writeLines(PrintWriter out, Iterator<T> rows, BiConsumer<Json, T> object) {
        Json json = new Json(out);
        while (rows.hasNext()) {
            object.accept(json, rows.next());
            out.print('\n');
        }
    }

    public Json beginObject() {
        separate();
        buf.append('{');
        depth++;
        needComma = false;
        return this;
    }

    public Json endObject() {
        buf.append('}');
        return closed();
    }

    public Json beginArray() {
        separate();
        buf.append('[');
        depth++;
        needComma = false;
        return this;
    }

    public Json endArray() {
        buf.append(']');
        return closed();
    }

    /** A value is complete: at the top level, it goes to the writer, and the next value may follow as a new one. */
    private Json scalarDone() {
        needComma = depth > 0;
        if (depth == 0) {
            out.append(buf);
            buf.setLength(0);
        }
        return this;
    }

    private Json closed() {
        depth--;
        return scalarDone();
    }

    /** A member name escaped once, for writers that print it for every row. */
    public record Key(String quoted) {
        public static Key of(String name) {
            Json json = new Json(null);
            json.string(name);
            return new Key(json.buf.append(':').toString());
        }
    }

    /** Starts a member named by a key made beforehand. */
    public Json name(Key key) {
        separate();
        buf.append(key.quoted);
        needComma = false;
        return this;
    }

    /** Starts a member; follow with a value, an object or an array. */
    public Json name(String name) {
        separate();
        string(name);
        buf.append(':');
        needComma = false;
        return this;
    }

    public Json value(String value) {
        separate();
        if (value == null) {
            buf.append("null");
        } else {
            string(value);
        }
        return scalarDone();
    }

    public Json value(long value) {
        separate();
        buf.append(value);
        return scalarDone();
    }

    public Json value(boolean value) {
        separate();
        buf.append(value);
        return scalarDone();
    }

    private void separate() {
        if (needComma) {
            buf.append(',');
        }
    }

    private void string(String s) {
        buf.append('"');
        int length = s.length();
        int plain = 0;
        while (plain < length) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == length) {
            buf.append(s).append('"'); // the usual case: one bulk copy, not a char at a time
            return;
        }
        buf.append(s, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> buf.append("\\\"");
                case '\\' -> buf.append("\\\\");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                case '\t' -> buf.append("\\t");
                default -> {
                    if (c < 0x20) {
                        buf.append(String.format("\\u%04x", (int) c));
                    } else {
                        buf.append(c);
                    }
                }
            }
        }
        buf.append('"');
    }
}
