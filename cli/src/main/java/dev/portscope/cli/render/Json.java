package dev.portscope.cli.render;

import java.io.PrintWriter;

/** A small streaming JSON writer: portscope-cli prints JSON without a library. */
public final class Json {
    private final PrintWriter out;
    private boolean needComma;

    public Json(PrintWriter out) {
        this.out = out;
    }

    public Json beginObject() {
        separate();
        out.print('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        out.print('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        separate();
        out.print('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        out.print(']');
        needComma = true;
        return this;
    }

    /** Starts a member; follow with a value, an object or an array. */
    public Json name(String name) {
        separate();
        string(name);
        out.print(':');
        needComma = false;
        return this;
    }

    public Json value(String value) {
        separate();
        if (value == null) {
            out.print("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    public Json value(long value) {
        separate();
        out.print(value);
        needComma = true;
        return this;
    }

    public Json value(boolean value) {
        separate();
        out.print(value);
        needComma = true;
        return this;
    }

    /** Ends the current top-level value with a newline. */
    public void newline() {
        out.println();
        needComma = false;
    }

    private void separate() {
        if (needComma) {
            out.print(',');
        }
    }

    private void string(String s) {
        out.print('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.print("\\\"");
                case '\\' -> out.print("\\\\");
                case '\n' -> out.print("\\n");
                case '\r' -> out.print("\\r");
                case '\t' -> out.print("\\t");
                default -> {
                    if (c < 0x20) {
                        out.printf("\\u%04x", (int) c);
                    } else {
                        out.print(c);
                    }
                }
            }
        }
        out.print('"');
    }
}
