package dev.portscope.linux.proc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names and command lines as processes wrote them: UTF-8 decoded, any other byte spelled out. */
class ProcessFilesTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void utf8IsTextAndOtherBytesStayVisible() {
        byte[] valid = "nginx é ✓ \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertEquals("nginx é ✓ \uD83D\uDE00", ProcessFiles.text(valid, valid.length));
        assertEquals("\\xff\\xfebad", ProcessFiles.text(bytes(0xff, 0xfe, 'b', 'a', 'd'), 5));
        assertEquals("ok\\xe2\\x82", ProcessFiles.text(bytes('o', 'k', 0xe2, 0x82), 4), "a character cut short at the end");
        assertEquals("a\\xc0\\xafb", ProcessFiles.text(bytes('a', 0xc0, 0xaf, 'b'), 4), "an overlong '/'");
    }

    @Test
    void commLosesItsNewlineAndCmdlineItsNuls() {
        assertEquals("py\\xffthon", ProcessFiles.command(bytes('p', 'y', 0xff, 't', 'h', 'o', 'n', '\n')));
        assertEquals("python3 -c x\\xff", ProcessFiles.commandLine(bytes('p', 'y', 't', 'h', 'o', 'n', '3', 0, '-', 'c', 0, 'x', 0xff, 0, 0)));
    }
}
