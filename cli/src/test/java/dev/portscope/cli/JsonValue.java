package dev.portscope.cli;

import dev.portscope.cli.render.JsonReader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for tests: {@link JsonReader}'s values with whole numbers as longs (a kernel u64 beyond a
 * long as a BigInteger), so tests can cast and compare. Anything that is not one whole JSON value
 * (trailing text included) throws IllegalArgumentException, so tests can assert validity.
 */
final class JsonValue {
    private JsonValue() {
    }

    static Object parse(String text) {
        return numbersAsLongs(JsonReader.parse(text));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private static Object numbersAsLongs(Object value) {
        return switch (value) {
            case BigDecimal n when n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0 -> {
                java.math.BigInteger whole = n.toBigIntegerExact();
                yield whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) k, numbersAsLongs(v)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(numbersAsLongs(v)));
                yield out;
            }
            case null, default -> value;
        };
    }
}
