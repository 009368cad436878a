package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.Utf8Writer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON writer's text reads back, through a strict reader, as what was written. */
class JsonWriterTest {
    private static final List<String> STRINGS = List.of("", "plain", "quote \" and \\ backslash", "line\nbreak\r\ttab",
            "\u0000\u0001\u001f control", "caf\u00e9 \u2713 \uD83D\uDE00", "ends with \\", "\"", "x".repeat(3000));
    private static final List<Long> NUMBERS = List.of(0L, 7L, -1L, 10L, 99L, 100L, 4_294_967_295L, Long.MAX_VALUE, Long.MIN_VALUE);

    private static String write(PrintWriter out, Supplier<String> written) {
        Json json = new Json(out);
        Json.Key key = Json.Key.of("key \"quoted\"");
        for (int round = 0; round < 2; round++) { // the instance is reused for a second top-level value
            json.beginObject().name(key).value(round).name("strings").beginArray();
            STRINGS.forEach(json::value);
            json.endArray().name("numbers").beginArray();
            NUMBERS.forEach(json::value);
            json.endArray().name("flags").beginArray().value(true).value(false).value((String) null).endArray();
            for (String s : STRINGS) {
                json.name(s).value(s);
            }
            json.endObject();
            out.print('\n');
        }
        out.flush();
        return written.get();
    }

    @Test
    void readsBackAsWrittenThroughAStringWriterAndTheUtf8Writer() {
        StringWriter chars = new StringWriter();
        String viaChars = write(new PrintWriter(chars), chars::toString);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String viaBytes = write(new PrintWriter(new Utf8Writer(bytes, 64)), () -> bytes.toString(StandardCharsets.UTF_8));
        assertEquals(viaChars, viaBytes);
        List<String> lines = viaChars.lines().toList();
        assertEquals(2, lines.size());
        for (int round = 0; round < 2; round++) {
            Map<String, Object> object = JsonValue.object(lines.get(round));
            assertEquals((long) round, object.get("key \"quoted\""));
            assertEquals(STRINGS, object.get("strings"));
            assertEquals(NUMBERS, object.get("numbers"));
            assertEquals(java.util.Arrays.asList(true, false, null), object.get("flags"));
            for (String s : STRINGS) {
                assertEquals(s, object.get(s));
            }
        }
    }
}
