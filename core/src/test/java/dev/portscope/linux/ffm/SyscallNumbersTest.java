package dev.portscope.linux.ffm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The system call numbers portscope passes to syscall(2), checked against the kernel headers installed here. */
class SyscallNumbersTest {
    private static final Pattern DEFINE = Pattern.compile("#define\\s+__NR(?:3264)?_(\\w+)\\s+(\\d+)");

    private static Map<String, Long> numbers(Path header) throws IOException {
        Map<String, Long> numbers = new HashMap<>();
        Matcher m = DEFINE.matcher(Files.readString(header));
        while (m.find()) {
            numbers.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        }
        return numbers;
    }

    private static void check(Path header, String arch) throws IOException {
        Assumptions.assumeTrue(Files.exists(header), header + " is not installed (linux-libc-dev)");
        Map<String, Long> numbers = numbers(header);
        for (NativeCalls.Sys call : NativeCalls.Sys.values()) {
            String name = call.name().toLowerCase(Locale.ROOT);
            assertTrue(numbers.containsKey(name), name + " in " + header);
            assertEquals(numbers.get(name), call.number(arch).orElseThrow(), name + " on " + arch);
        }
    }

    @Test
    void x8664NumbersAreTheKernelHeaders() throws IOException {
        check(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"), "amd64");
    }

    @Test
    void theGenericTableOfArm64AndRiscv64IsTheKernelHeaders() throws IOException {
        check(Path.of("/usr/include/asm-generic/unistd.h"), "aarch64");
        assertEquals(NativeCalls.Sys.SOCKET.number("aarch64"), NativeCalls.Sys.SOCKET.number("riscv64"));
    }

    @Test
    void anArchitectureWithoutATableIsSaidNotGuessed() {
        assertTrue(NativeCalls.Sys.SOCKET.number("s390x").isEmpty());
    }
}
