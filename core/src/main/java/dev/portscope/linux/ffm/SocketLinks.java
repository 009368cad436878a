package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads which descriptors of a process are sockets, straight from {@code /proc/[pid]/fd} with
 * getdents64 and readlinkat: no {@code Path} per descriptor, the names passed to the kernel in
 * place in the directory buffer. One instance per thread; close it when done. Ask
 * {@link NativeAccess#available()} before making one.
 */
public final class SocketLinks implements AutoCloseable {
    /** What became of one process. */
    public enum Outcome { READ, GONE, DENIED }

    /** Receives each socket descriptor found. */
    @FunctionalInterface
    public interface Sink {
        void socket(int fd, long inode);
    }

    private static final int DENTS_BUFFER = 64 * 1024;
    private static final int LINK_BUFFER = 64;
    private static final long DENIED_LINK = -2;
    private static final byte[] SOCKET_PREFIX = "socket:[".getBytes(StandardCharsets.US_ASCII);

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment callState = NativeCalls.callState(arena);
    private final MemorySegment dents = arena.allocate(DENTS_BUFFER);
    private final MemorySegment link = arena.allocate(LINK_BUFFER);
    private final MemorySegment path = arena.allocate(4096);
    private final byte[] dentsCopy = new byte[DENTS_BUFFER];
    private final byte[] linkCopy = new byte[LINK_BUFFER];
    private boolean closed;

    /** Opens the scratch space. */
    public SocketLinks() {
    }

    /** Reports every socket descriptor of the process whose fd directory is {@code fdDirectory}. */
    public Outcome forEachSocket(String fdDirectory, Sink sink) {
        byte[] p = fdDirectory.getBytes(StandardCharsets.UTF_8);
        if (p.length >= path.byteSize()) {
            return Outcome.GONE;
        }
        MemorySegment.copy(p, 0, path, ValueLayout.JAVA_BYTE, 0, p.length);
        path.set(ValueLayout.JAVA_BYTE, p.length, (byte) 0);
        int dir;
        try {
            dir = NativeCalls.open(callState, path, NativeCalls.O_RDONLY | NativeCalls.O_DIRECTORY | NativeCalls.O_CLOEXEC);
        } catch (NativeException e) {
            return outcomeOf(e);
        }
        boolean denied = false; // a descriptor whose link may not be read: the directory lists, the links refuse
        try {
            while (true) {
                long n;
                try {
                    n = NativeCalls.getdents64(callState, dir, dents, DENTS_BUFFER);
                } catch (NativeException e) {
                    return outcomeOf(e);
                }
                if (n == 0) {
                    return denied ? Outcome.DENIED : Outcome.READ;
                }
                MemorySegment.copy(dents, ValueLayout.JAVA_BYTE, 0, dentsCopy, 0, (int) n);
                denied |= entries(dir, (int) n, sink);
            }
        } finally {
            try {
                NativeCalls.close(callState, dir);
            } catch (NativeException ignored) {
                // a read-only directory descriptor loses nothing if close fails
            }
        }
    }

    /** Another user's process (without root) is denied; any other failure means it has gone. */
    private static Outcome outcomeOf(NativeException e) {
        return e.errno() == NativeException.EACCES || e.errno() == NativeException.EPERM ? Outcome.DENIED : Outcome.GONE;
    }

    /**
     * struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[] at 19.
     * True when a descriptor's link was refused (EACCES, EPERM): root without CAP_SYS_PTRACE, say.
     */
    private boolean entries(int dir, int length, Sink sink) {
        boolean denied = false;
        int offset = 0;
        while (offset < length) {
            int recordLength = (dentsCopy[offset + 16] & 0xff) | (dentsCopy[offset + 17] & 0xff) << 8;
            int name = offset + 19;
            int fd = 0;
            boolean digits = dentsCopy[name] != 0;
            for (int i = name; dentsCopy[i] != 0; i++) {
                int d = dentsCopy[i] - '0';
                if (d < 0 || d > 9) {
                    digits = false;
                    break;
                }
                fd = fd * 10 + d;
            }
            if (digits) {
                long inode = socketInode(dir, dents.asSlice(name));
                if (inode >= 0) {
                    sink.socket(fd, inode);
                }
                denied |= inode == DENIED_LINK;
            }
            offset += recordLength;
        }
        return denied;
    }

    /** The inode a descriptor's link names; -1 when it is no socket (or closed meanwhile), {@link #DENIED_LINK} when refused. */
    private long socketInode(int dir, MemorySegment name) {
        long n = NativeCalls.readlinkat(callState, dir, name, link, LINK_BUFFER);
        if (n == -NativeException.EACCES || n == -NativeException.EPERM) {
            return DENIED_LINK;
        }
        if (n <= SOCKET_PREFIX.length || n >= LINK_BUFFER) {
            return -1;
        }
        MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, linkCopy, 0, (int) n);
        for (int i = 0; i < SOCKET_PREFIX.length; i++) {
            if (linkCopy[i] != SOCKET_PREFIX[i]) {
                return -1;
            }
        }
        long inode = 0;
        for (int i = SOCKET_PREFIX.length; i < n - 1; i++) {
            int d = linkCopy[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            inode = inode * 10 + d;
        }
        return linkCopy[(int) n - 1] == ']' ? inode : -1;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
