package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The help FastPath prints from the jar is picocli's of these very classes, for every way of asking. */
class HelpTextsTest {

    @Test
    void theStoredHelpIsPicocliHelpOfTheseClasses() {
        var cli = Main.commandLine(Environment.live(), false);
        for (String view : HelpTexts.VIEWS) {
            String stored = HelpTexts.stored(view).orElseThrow(() -> new AssertionError("no stored help for " + view + ": build with Maven"));
            assertEquals(HelpTexts.render(cli, view), stored, view + ": stale help text");
            assertTrue(stored.lines().allMatch(l -> l.length() <= 80), view + ": wider than 80 columns");
        }
    }

    @Test
    void everyWayOfAskingPrintsIt() {
        String listing = HelpTexts.stored("portscope").orElseThrow();
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            Cli run = Cli.live(args);
            assertEquals(new Cli(0, listing, ""), run, String.join(" ", args));
        }
        for (String view : HelpTexts.VIEWS.subList(1, HelpTexts.VIEWS.size())) {
            String help = HelpTexts.stored(view).orElseThrow();
            for (String[] args : new String[][] {{view, "--help"}, {view, "-h"}, {"help", view}}) {
                assertEquals(new Cli(0, help, ""), Cli.live(args), String.join(" ", args));
            }
        }
    }
}
