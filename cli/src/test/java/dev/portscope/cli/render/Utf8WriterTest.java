package dev.portscope.cli.render;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8WriterTest {
    @Test
    void writesUtf8ThroughEveryPathAndBufferSize() throws IOException {
        String text = "tcp 127.0.0.1:80 \u00e9t\u00e9 \u2713 " + "x".repeat(100) + " \uD83D\uDE00 end";
        for (int size : new int[] {1, 7, 64, 1 << 16}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintWriter out = new PrintWriter(new Utf8Writer(bytes, size))) {
                out.print(text);
                out.print('!');
                out.print('\u00e9');
                out.write(text.toCharArray(), 0, 5);
                out.write(text.toCharArray(), 2, text.length() - 2); // ASCII, then the long way from the first other char
                out.println(text.substring(3, 20));
            }
            String expected = text + "!\u00e9" + text.substring(0, 5) + text.substring(2) + text.substring(3, 20) + System.lineSeparator();
            assertEquals(expected, bytes.toString(StandardCharsets.UTF_8), "buffer " + size);
        }
    }

    /** A stream whose every write fails the way a closed pipe or a full disk fails. */
    private static final class Failing extends java.io.OutputStream {
        private final String reason;
        int writes;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes++;
            throw new IOException(reason);
        }
    }

    @Test
    void theFirstFailedWriteStopsTheOutputAndNothingIsTriedAgain() {
        for (String reason : new String[] {"Broken pipe", "No space left on device"}) {
            Failing stream = new Failing(reason);
            PrintWriter out = new PrintWriter(new Utf8Writer(stream, 64));
            OutputFailedException e = org.junit.jupiter.api.Assertions.assertThrows(OutputFailedException.class, () -> {
                for (int row = 0; row < 100_000; row++) {
                    out.println("tcp        0      0 127.0.0.1:" + row + "         127.0.0.1:80            ESTABLISHED");
                }
            });
            assertEquals(reason.equals("Broken pipe"), e.readerGone(), reason);
            out.println("more");
            out.flush();
            out.close();
            assertEquals(1, stream.writes, "one failed write, then nothing: " + reason);
            org.junit.jupiter.api.Assertions.assertFalse(out.checkError(), "the failure was reported, not swallowed");
        }
    }
}
