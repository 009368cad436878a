package dev.portscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A buffered UTF-8 writer for standard output. {@code OutputStreamWriter} widens every (mostly
 * ASCII) string to chars and encodes it back; this takes the string's bytes in one step, which
 * profiling showed to be the largest user-space cost of a 100k-socket listing.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buffer;
    private int used;

    Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        String part = offset == 0 && length == text.length() ? text : text.substring(offset, offset + length);
        put(part.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        put(new String(chars, offset, length).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c));
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - used) {
            flushBuffer();
            if (bytes.length > buffer.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
