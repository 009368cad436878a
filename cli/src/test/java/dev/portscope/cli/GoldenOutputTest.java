package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Output formats against golden files made from the captured socket mix. After a deliberate
 * format change, rerun with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenOutputTest {
    private static final Path USER_SERVICES = Path.of("src/test/resources/golden/user-services");

    private static void assertGolden(String name, Cli run) throws IOException {
        assertEquals(0, run.code(), run.err());
        Path file = Path.of("src/test/resources/golden", name); // surefire runs in the module's directory
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, run.out());
        }
        assertEquals(Files.readString(file), run.out(), "output differs from " + file);
    }

    @Test
    void netstatTableNumeric() throws IOException {
        assertGolden("tuan.txt", Cli.fixture("-tuan"));
    }

    @Test
    void netstatTableWithServiceNames() throws IOException {
        assertGolden("tua.txt", Cli.fixture("-tua"));
    }

    @Test
    void wideTableEndsWithTheService() throws IOException {
        assertGolden("tuaW.txt", Cli.fixtureWithUserServices(USER_SERVICES, "-tuaW"));
    }

    @Test
    void jsonWithServiceNames() throws IOException {
        assertGolden("tua.json", Cli.fixtureWithUserServices(USER_SERVICES, "-tua", "--json"));
    }

    @Test
    void listeningOnlyIpv6() throws IOException {
        assertGolden("tl6n.txt", Cli.fixture("-tl6n"));
    }

    @Test
    void json() throws IOException {
        assertGolden("tuan.json", Cli.fixture("-tuan", "--json"));
    }

    @Test
    void csvWithTheDefaultColumns() throws IOException {
        assertGolden("tuan.csv", Cli.fixture("-tuan", "--csv"));
    }

    @Test
    void jsonLinesAreTheArraysObjects() throws IOException {
        assertGolden("tuan.jsonl", Cli.fixture("-tuan", "--jsonl"));
        String array = Cli.fixture("-tuan", "--json").out();
        String lines = Cli.fixture("-tuan", "--jsonl").out();
        assertEquals(array.substring(2, array.length() - 3).replace(",\n", "\n"), lines.strip());
    }

    @Test
    void chosenColumnsSortedWithoutHeader() throws IOException {
        assertGolden("tuan-columns.txt", Cli.fixture("-tuanH", "--columns", "proto,local,remote,state,recvq", "--sort=-recvq,local"));
    }

    @Test
    void filteredCsv() throws IOException {
        assertGolden("tuan-filtered.csv", Cli.fixture("-tuan", "--csv", "state", "established", "sport", ">", ":40000"));
    }

    @Test
    void emptyJsonIsAnEmptyArray() throws IOException {
        assertGolden("empty.json", Cli.fixture("-u6n", "--json"));
    }

    @Test
    void everyViewsFieldsAndColumns() throws IOException {
        assertGolden("who-46211.json", Cli.fixture("who", "46211", "--json"));
        assertGolden("who-46211.csv", Cli.fixture("who", "46211", "--csv"));
        assertGolden("pairs.json", Cli.fixture("pairs", "-n", "--json"));
        assertGolden("pairs.csv", Cli.fixture("pairs", "-n", "--csv", "--columns", "proto,client,server,state,client-addr,client-port,"
                + "client-state,client-inode,server-addr,server-port,server-state,server-inode"));
        assertGolden("port-5353.json", Cli.fixture("port", "5353", "--json"));
        assertGolden("port-5350-5360.csv", Cli.fixture("port", "5350-5360", "--csv", "--columns",
                "port,protocol,name,aliases,description,origin,class,ephemeral,inuse"));
        assertGolden("top-state.csv", Cli.fixture("top", "-a", "--by", "state", "--csv"));
    }
}
