package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls portscope makes, bound through java.lang.foreign: the only class that creates
 * downcall handles. Every call captures errno; {@link #check} turns a failed result into a
 * {@link NativeException} in one place. Handles are created on first use of their group (each
 * costs milliseconds cold), so a run pays only for the calls it makes. Callers ask
 * {@link NativeAccess#available()} first.
 */
final class NativeCalls {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private NativeCalls() {
    }

    // Each downcall stub costs ~5 ms to spin up cold (measured: BENCHMARKS.md), so the handles come
    // in holder classes by use: a plain listing creates the netlink four and nothing else.

    /** The netlink dump: socket, sendto, recv, close. */
    private static final class Netlink {
        // int socket(int domain, int type, int protocol)
        static final MethodHandle SOCKET = bind("socket",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        // ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t addrlen)
        static final MethodHandle SENDTO = bind("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        // ssize_t recv(int fd, void *buf, size_t len, int flags)
        static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    }

    /** setns(2): a thread enters a network namespace to open a socket there. */
    private static final class Namespaces {
        // int setns(int fd, int nstype)
        static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** close(2), for netlink sockets and /proc directories alike. */
    private static final class Close {
        // int close(int fd)
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Reading /proc/PID/fd for -p: open, getdents64, readlinkat. */
    private static final class Directories {
        // int open(const char *path, int flags)   (no mode: O_CREAT is never passed)
        static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        // ssize_t getdents64(int fd, void *dirp, size_t count)
        static final MethodHandle GETDENTS64 = bind("getdents64", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        // ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)
        static final MethodHandle READLINKAT = bind("readlinkat", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    /** _exit(2), when lookups still block at the end of a run. */
    private static final class Exit {
        // void _exit(int status)
        static final MethodHandle EXIT = bind("_exit", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
    }

    // The one restricted call portscope makes: every signature it binds is written out above,
    // checked against the man page's prototype, and every caller has asked NativeAccess first.
    @SuppressWarnings("restricted")
    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** ioctl(2) is only needed on a terminal: its handle lives apart so that other runs never create it. */
    private static final class Terminal {
        // int ioctl(int fd, unsigned long request, ...)   here with one variadic pointer: struct winsize *
        static final MethodHandle IOCTL = bind("ioctl",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }

    /** TIOCGWINSZ of asm-generic/ioctls.h (x86-64 and arm64). */
    static final long TIOCGWINSZ = 0x5413;

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; } (asm-generic/termios.h). */
    static final StructLayout WINSIZE = MemoryLayout.structLayout(ValueLayout.JAVA_SHORT.withName("ws_row"),
            ValueLayout.JAVA_SHORT.withName("ws_col"), ValueLayout.JAVA_SHORT.withName("ws_xpixel"),
            ValueLayout.JAVA_SHORT.withName("ws_ypixel"));

    /** ioctl(fd, TIOCGWINSZ, winsize): fails with ENOTTY when fd is not a terminal. */
    static void windowSize(MemorySegment state, int fd, MemorySegment winsize) {
        try {
            check((int) Terminal.IOCTL.invokeExact(state, fd, TIOCGWINSZ, winsize), state, "ioctl");
        } catch (Throwable t) {
            throw failed(t, "ioctl");
        }
    }

    /** Scratch space for the errno of one call. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return check((int) Netlink.SOCKET.invokeExact(state, domain, type, protocol), state, "socket");
        } catch (Throwable t) {
            throw failed(t, "socket");
        }
    }

    static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, MemorySegment addr, int addrLen) {
        try {
            return check((long) Netlink.SENDTO.invokeExact(state, fd, buf, len, 0, addr, addrLen), state, "sendto");
        } catch (Throwable t) {
            throw failed(t, "sendto");
        }
    }

    static long recv(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        try {
            return check((long) Netlink.RECV.invokeExact(state, fd, buf, len, flags), state, "recv");
        } catch (Throwable t) {
            throw failed(t, "recv");
        }
    }

    static void setns(MemorySegment state, int fd, int nstype) {
        try {
            check((int) Namespaces.SETNS.invokeExact(state, fd, nstype), state, "setns");
        } catch (Throwable t) {
            throw failed(t, "setns");
        }
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return check((int) Directories.OPEN.invokeExact(state, path, flags), state, "open");
        } catch (Throwable t) {
            throw failed(t, "open");
        }
    }

    static long getdents64(MemorySegment state, int fd, MemorySegment buf, long len) {
        try {
            return check((long) Directories.GETDENTS64.invokeExact(state, fd, buf, len), state, "getdents64");
        } catch (Throwable t) {
            throw failed(t, "getdents64");
        }
    }

    /** readlinkat without the exception: the length, or -errno (a descriptor may close mid-scan). */
    static long readlinkat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment buf, long len) {
        try {
            long n = (long) Directories.READLINKAT.invokeExact(state, dirfd, path, buf, len);
            return n >= 0 ? n : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw failed(t, "readlinkat");
        }
    }

    static void close(MemorySegment state, int fd) {
        try {
            check((int) Close.CLOSE.invokeExact(state, fd), state, "close");
        } catch (Throwable t) {
            throw failed(t, "close");
        }
    }

    /** _exit(2): ends the process at once; returns only by throwing, when the call cannot be made. */
    static void exit(MemorySegment state, int status) {
        try {
            Exit.EXIT.invokeExact(state, status);
        } catch (Throwable t) {
            throw failed(t, "_exit");
        }
    }

    /**
     * What a downcall's throwable becomes: our own NativeException as it is, an Error as it is, and
     * anything else (a bug: callers ask {@link NativeAccess} before the first call) as an
     * IllegalStateException.
     */
    private static RuntimeException failed(Throwable t, String call) {
        if (t instanceof NativeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(call + "() could not be called", t);
    }

    private static int check(int result, MemorySegment state, String call) {
        if (result < 0) {
            throw new NativeException(call, (int) ERRNO.get(state, 0L));
        }
        return result;
    }

    private static long check(long result, MemorySegment state, String call) {
        if (result < 0) {
            throw new NativeException(call, (int) ERRNO.get(state, 0L));
        }
        return result;
    }

}
