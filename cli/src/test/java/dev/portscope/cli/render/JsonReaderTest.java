package dev.portscope.cli.render;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8259 as fleet reads Prometheus's answers: values, escapes, and what is not JSON. */
class JsonReaderTest {
    @Test
    void valuesAndEscapes() {
        assertEquals(Map.of("a", List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, "x\"\\é\n")),
                JsonReader.parse(" {\"a\": [1, -2.5e3, true, \"x\\\"\\\\\\u00e9\\n\"]} "));
        assertEquals(Arrays.asList((Object) null), JsonReader.parse("[null]"));
    }

    @Test
    void whatIsNotJsonIsRefused() {
        for (String bad : List.of("", "{", "[1,]", "+1", "01", "1.", "{\"a\" 1}", "[1] x", "\"open", "tru")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }
}
