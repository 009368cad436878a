package dev.portscope.linux.netlink;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every named tcp_info offset, and the struct's size, against what the C compiler makes of /usr/include/linux/tcp.h. */
@Live
class TcpInfoLayoutTest {

    @Test
    void offsetsAreTheCompilersOffsets(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/linux/tcp.h")), "needs the kernel headers (linux-libc-dev)");
        assumeTrue(onPath("cc"), "needs a C compiler");
        Map<String, Integer> ours = new TreeMap<>();
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <linux/tcp.h>\nint main(void) {\n");
        TcpInfoLayout.TCP_INFO.offsets().forEach((field, offset) -> {
            if (!field.contains(":")) { // bit-fields have no offsetof
                ours.put(field, offset);
                c.append("  printf(\"").append(field).append(" %zu\\n\", offsetof(struct tcp_info, ").append(field).append("));\n");
            }
        });
        ours.put("sizeof", TcpInfoLayout.TCP_INFO.size());
        c.append("  printf(\"sizeof %zu\\n\", sizeof(struct tcp_info));\n  return 0;\n}\n");
        Files.writeString(dir.resolve("layout.c"), c);
        Process cc = new ProcessBuilder("cc", "-o", dir.resolve("layout").toString(), dir.resolve("layout.c").toString())
                .redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), log);
        Process run = new ProcessBuilder(dir.resolve("layout").toString()).start();
        Map<String, Integer> theirs = new TreeMap<>();
        new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .forEach(l -> theirs.put(l.split(" ")[0], Integer.parseInt(l.split(" ")[1])));
        assertEquals(0, run.waitFor());
        assertEquals(theirs, ours);
        // the bit-field bytes sit right after tcpi_options
        assertEquals(ours.get("tcpi_options") + 1, TcpInfoLayout.WSCALE);
        assertEquals(ours.get("tcpi_options") + 2, TcpInfoLayout.APP_LIMITED);
    }

    private static boolean onPath(String program) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + program).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
