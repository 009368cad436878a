package dev.portscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code portscope 0.1.0 (commit 0123456789ab)}: the version and commit the build wrote into the jar. */
final class Version implements picocli.CommandLine.IVersionProvider {

    /** The line --version prints. */
    static String text() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no properties: the words below say so
        }
        String version = p.getProperty("version", "unknown").replace("-SNAPSHOT", "");
        String commit = p.getProperty("commit", "unknown");
        return "portscope " + version + " (commit " + (commit.startsWith("$") ? "unknown" : commit) + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }
}
