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
}
