package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The netstat table's title says what the listing holds, whichever flags or state words chose it. */
class TitleTest {

    @Test
    void theTitleFollowsTheStatesListed() {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("-tn"), "w/o servers");
        cases.put(List.of("-tln"), "only servers");
        cases.put(List.of("-tan"), "servers and established");
        cases.put(List.of("-tn", "state", "syn-sent"), "w/o servers");
        cases.put(List.of("-tn", "state", "established", "state", "close-wait"), "w/o servers");
        cases.put(List.of("-tn", "state", "listening"), "only servers");
        cases.put(List.of("-tn", "exclude", "listening"), "w/o servers");
        cases.put(List.of("-un", "state", "closed"), "only servers");
        cases.put(List.of("-n", "exclude", "listening"), "servers and established"); // unconnected UDP is still a server
        cases.put(List.of("-tn", "state", "all"), "servers and established");
        cases.forEach((args, title) -> {
            Cli run = Cli.fixture(args.toArray(String[]::new));
            assertEquals(0, run.code(), run.err());
            assertEquals("Active Internet connections (" + title + ")", run.out().lines().findFirst().orElseThrow(), String.join(" ", args));
        });
    }
}
