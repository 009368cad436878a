package dev.portscope.cli.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A buffered UTF-8 writer for standard output. {@code OutputStreamWriter} widens every (mostly
 * ASCII) string to chars and encodes it back; this takes the string's bytes in one step, which
 * profiling showed to be the largest user-space cost of a 100k-socket listing. The first failed
 * write throws an {@link OutputFailedException} (a {@code PrintWriter} would swallow an
 * IOException and let the view write on into the void); after it, nothing more is written.
 */
public final class Utf8Writer extends Writer {
    private static final int SHORT = 32;

    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    private boolean failed;

    public Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        if (length <= SHORT && length <= buffer.length - used && ascii(text, offset, length)) {
            for (int i = 0; i < length; i++) { // JSON writes many short tokens: no array per token
                buffer[used++] = (byte) text.charAt(offset + i);
            }
            return;
        }
        String part = offset == 0 && length == text.length() ? text : text.substring(offset, offset + length);
        put(part.getBytes(StandardCharsets.UTF_8));
    }

    /** ASCII straight into the buffer (JSON's whole output, as a rule); from the first other char, the string route. */
    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (used == buffer.length) {
                flushBuffer();
            }
            byte[] bytes = buffer;
            int at = used; // locals, not fields, in the loop: C1 keeps them in registers
            int stop = Math.min(end, i + bytes.length - at);
            while (i < stop) {
                char c = chars[i];
                if (c >= 0x80) {
                    break;
                }
                bytes[at++] = (byte) c;
                i++;
            }
            used = at;
            if (i < stop) {
                put(new String(chars, i, end - i).getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (c < 0x80 && used < buffer.length) {
            buffer[used++] = (byte) c;
        } else {
            write(String.valueOf((char) c));
        }
    }

    private static boolean ascii(String text, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (text.charAt(offset + i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - used) {
            flushBuffer();
            if (bytes.length > buffer.length) {
                send(bytes, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void flushBuffer() {
        if (used > 0) {
            send(buffer, used);
            used = 0;
        }
    }

    /** Writes to the stream, once it has failed no more. */
    private void send(byte[] bytes, int length) {
        if (failed) {
            return;
        }
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            failed = true;
            throw new OutputFailedException(e);
        }
    }

    @Override
    public void flush() {
        flushBuffer();
        if (!failed) {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
                throw new OutputFailedException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
