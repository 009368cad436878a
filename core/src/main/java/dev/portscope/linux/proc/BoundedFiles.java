package dev.portscope.linux.proc;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the files of a proc root as untrusted input: in a snapshot anyone may have put a FIFO
 * (which would block forever), a device or a link to {@code /dev/zero} (endless) where a table
 * should be. Only regular files are read, and no more than a cap that fits their kind. The live
 * {@code /proc} is the kernel's own and is read without the check (a stat per file would cost
 * thousands of system calls per {@code -p} run).
 */
final class BoundedFiles {
    /** A socket table: 108k sockets are ~16 MB; a snapshot's table may be many times that, not endless. */
    static final long TABLE = 1L << 30;
    /** One small per-process or settings file (comm, status, stat, cgroup, cmdline, the port range). */
    static final long SMALL = 4L << 20;

    private BoundedFiles() {
    }

    /** Whether {@code file} may be read: always below the live /proc, else only a regular file. */
    static boolean readable(ProcRoot root, Path file) {
        return root.isLive() || Files.isRegularFile(file);
    }

    /** A reader of at most {@code cap} bytes; reading past them fails with an IOException that says so. */
    static BufferedReader reader(Path file, Charset charset, long cap) throws IOException {
        return new BufferedReader(new InputStreamReader(stream(file, cap), charset));
    }

    /** A stream of at most {@code cap} bytes. */
    static InputStream stream(Path file, long cap) throws IOException {
        return new Capped(Files.newInputStream(file), cap, file);
    }

    private static final class Capped extends FilterInputStream {
        private final Path file;
        private long left;
        private final long cap;

        Capped(InputStream in, long cap, Path file) {
            super(in);
            this.left = cap;
            this.cap = cap;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }

        private IOException tooLarge() {
            return new IOException(file + " is larger than " + cap + " bytes: not what the kernel writes there");
        }
    }
}
