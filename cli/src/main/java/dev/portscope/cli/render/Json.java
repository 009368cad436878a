package dev.portscope.cli.render;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * A small streaming JSON writer: portscope-cli prints JSON without a library. Text collects in a
 * char buffer and goes to the writer when a top-level value is complete: a PrintWriter call per
 * character (each one synchronized) made 100k sockets' JSON twice as slow as the table, and a
 * StringBuilder's per-append checks cost a third of what JSON lines took (profiled). One instance
 * writes any number of top-level values, one after the other, reusing its buffer.
 */
public final class Json {
    private final PrintWriter out;
    private char[] buf = new char[1024];
    private int used;
    private boolean needComma;
    private int depth;

    public Json(PrintWriter out) {
        this.out = out;
    }

    /** A member name escaped once, for writers that print it for every row: {@code "name":}. */
    public static final class Key {
        private final char[] quoted;

        private Key(char[] quoted) {
            this.quoted = quoted;
        }

        public static Key of(String name) {
            Json json = new Json(null);
            json.string(name);
            json.put(':');
            return new Key(Arrays.copyOf(json.buf, json.used));
        }

        @Override
        public String toString() {
            return new String(quoted);
        }
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
        return open('{');
    }

    public Json endObject() {
        return close('}');
    }

    public Json beginArray() {
        return open('[');
    }

    public Json endArray() {
        return close(']');
    }

    /** Starts a member named by a key made beforehand. */
    public Json name(Key key) {
        separate();
        char[] q = key.quoted;
        room(q.length);
        System.arraycopy(q, 0, buf, used, q.length);
        used += q.length;
        needComma = false;
        return this;
    }

    /** Starts a member; follow with a value, an object or an array. */
    public Json name(String name) {
        separate();
        string(name);
        put(':');
        needComma = false;
        return this;
    }

    public Json value(String value) {
        separate();
        if (value == null) {
            text("null");
        } else {
            string(value);
        }
        return done();
    }

    public Json value(long value) {
        separate();
        number(value);
        return done();
    }

    /** An unsigned 64-bit number (a socket cookie), as JSON's digits: never negative. */
    public Json valueUnsigned(long value) {
        separate();
        text(Long.toUnsignedString(value));
        return done();
    }

    /** JSON's {@code null}: a value that could not be known. */
    public Json nullValue() {
        separate();
        text("null");
        return done();
    }

    public Json value(boolean value) {
        separate();
        text(value ? "true" : "false");
        return done();
    }

    private Json open(char bracket) {
        separate();
        put(bracket);
        depth++;
        needComma = false;
        return this;
    }

    private Json close(char bracket) {
        put(bracket);
        depth--;
        return done();
    }

    /** A value is complete: at the top level, it goes to the writer, and the next value may follow as a new one. */
    private Json done() {
        needComma = depth > 0;
        if (depth == 0) {
            out.write(buf, 0, used);
            used = 0;
        }
        return this;
    }

    private void separate() {
        if (needComma) {
            put(',');
        }
    }

    private void room(int more) {
        if (used + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + more));
        }
    }

    private void put(char c) {
        room(1);
        buf[used++] = c;
    }

    /** Text that needs no escaping. */
    private void text(String s) {
        int n = s.length();
        room(n);
        s.getChars(0, n, buf, used);
        used += n;
    }

    private void number(long value) {
        if (value == Long.MIN_VALUE) {
            text(Long.toString(value));
            return;
        }
        room(20);
        if (value < 0) {
            buf[used++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = used + digits - 1; i >= used; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        used += digits;
    }

    private void string(String s) {
        int n = s.length();
        room(n + 2);
        buf[used++] = '"';
        s.getChars(0, n, buf, used);
        int end = used + n;
        for (int i = used; i < end; i++) {
            char c = buf[i];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f && Visible.unsafe(c)) { // rare: redo from here with escapes
                used = i;
                escaped(s, i - (end - n));
                return;
            }
        }
        used = end;
        buf[used++] = '"';
    }

    private void escaped(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text("\\\"");
                case '\\' -> text("\\\\");
                case '\n' -> text("\\n");
                case '\r' -> text("\\r");
                case '\t' -> text("\\t");
                default -> {
                    if (c < 0x20 || Visible.unsafe(c)) { // control characters, DEL, C1, line separators, bidi controls
                        text(String.format("\\u%04x", (int) c));
                    } else {
                        put(c);
                    }
                }
            }
        }
        put('"');
    }
}
