package dev.portscope.linux.netlink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A C struct's layout from its fields in declaration order, each naturally aligned as gcc lays
 * out the kernel's UAPI structs ({@code __u8}, {@code __u32}, {@code __u64}): offsets by the
 * names the header gives, instead of numbers to keep in step by hand. A bit-field byte is one
 * {@code u8} named after its bits.
 */
final class CStruct {
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private int size;
    private int alignment = 1;

    private CStruct add(String name, int bytes) {
        return add(name, bytes, bytes);
    }

    private CStruct add(String name, int bytes, int align) {
        size = (size + align - 1) / align * align;
        if (offsets.putIfAbsent(name, size) != null) {
            throw new IllegalArgumentException("field " + name + " twice");
        }
        size += bytes;
        alignment = Math.max(alignment, align);
        return this;
    }

    CStruct u8(String... names) {
        for (String n : names) {
            add(n, 1);
        }
        return this;
    }

    /** A byte array field ({@code __u8 name[length]}), byte-aligned. */
    CStruct bytes(String name, int length) {
        return add(name, length, 1);
    }

    CStruct u16(String... names) {
        for (String n : names) {
            add(n, 2);
        }
        return this;
    }

    CStruct u32(String... names) {
        for (String n : names) {
            add(n, 4);
        }
        return this;
    }

    CStruct u64(String... names) {
        for (String n : names) {
            add(n, 8);
        }
        return this;
    }

    /** The offset of a field; throws for a name the struct does not have. */
    int offset(String name) {
        Integer at = offsets.get(name);
        if (at == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return at;
    }

    /** {@code sizeof}: the end of the last field, padded to the largest alignment. */
    int size() {
        return (size + alignment - 1) / alignment * alignment;
    }

    /** Every field's offset, in declaration order. */
    Map<String, Integer> offsets() {
        return Map.copyOf(offsets);
    }
}
