package dev.portscope.linux.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** User names from a passwd file, then NSS for the rest in one batch; a uid nobody names is its number. */
class UsersTest {

    @Test
    void namesComeFromThePasswdFileThenNssAndOtherwiseAreNumbers(@TempDir Path dir) throws IOException {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "alice:x:4100:4100::/home/alice:/bin/sh\nbroken line\nbob:x:notanumber:1::/:/bin/sh\n");
        Users users = new Users(passwd);
        users.resolve(List.of(4100, 0, 2_000_000_001, 2_000_000_002, 0));
        assertEquals("alice", users.name(4100));
        assertEquals("root", users.name(0), "uid 0 from NSS (the machine's passwd through getent)");
        assertEquals("2000000001", users.name(2_000_000_001));
        assertEquals("2000000002", users.name(2_000_000_002));
        assertEquals(OptionalInt.of(4100), users.uid("alice"));
        assertEquals(OptionalInt.empty(), users.uid("bob"));
    }
}
