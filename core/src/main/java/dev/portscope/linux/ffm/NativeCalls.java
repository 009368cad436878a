package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The system calls portscope makes, through libc's {@code syscall(2)} bound once with
 * java.lang.foreign: the only class that creates a downcall handle. Every call captures errno;
 * {@link #check} turns a failed result into a {@link NativeException} in one place. Callers ask
 * {@link NativeAccess#available()} first.
 */
final class NativeCalls {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int SOL_SOCKET = 1, SO_RCVBUF = 8, SO_RCVTIMEO = 20, SO_RCVBUFFORCE = 33;
    private static final long AT_FDCWD = -100;

    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private NativeCalls() {
    }

    /**
     * The kernel's system call numbers, an ABI fixed per architecture: x86-64's table
     * (arch/x86/entry/syscalls/syscall_64.tbl) and the generic one arm64 and riscv64 use
     * (include/uapi/asm-generic/unistd.h).
     */
    enum Sys {
        IOCTL(16, 29), OPENAT(257, 56), CLOSE(3, 57), GETDENTS64(217, 61), READLINKAT(267, 78), EXIT_GROUP(231, 94),
        SOCKET(41, 198), SENDTO(44, 206), RECVFROM(45, 207), SETNS(308, 268), BIND(49, 200), SETSOCKOPT(54, 208);

        private final long x8664, generic;

        Sys(long x8664, long generic) {
            this.x8664 = x8664;
            this.generic = generic;
        }

        /** This call's number on {@code arch} ({@code os.arch}), if portscope knows that architecture's table. */
        Optional<Long> number(String arch) {
            return switch (arch) {
                case "amd64", "x86_64" -> Optional.of(x8664);
                case "aarch64", "riscv64" -> Optional.of(generic);
                default -> Optional.empty();
            };
        }
    }

    /** Why system calls cannot be made on this architecture, if they cannot. */
    static Optional<String> unsupportedArchitecture() {
        String arch = System.getProperty("os.arch");
        return Sys.SOCKET.number(arch).isPresent() ? Optional.empty()
                : Optional.of("portscope knows the system call numbers of x86-64, arm64 and riscv64, not of " + arch);
    }

    // One handle for every call: a downcall stub costs ~3-5 ms to spin up cold and the AOT cache does
    // not keep it, so ten libc functions cost a plain listing ~15 ms and -N or -p ~40 ms more than
    // this one (BENCHMARKS.md, session 8).
    private static final class Syscall {
        // long syscall(long number, ...)   here with six variadic longs: unused ones are ignored by the kernel
        static final MethodHandle SYSCALL = bind();
        private static final long[] NUMBERS = new long[Sys.values().length];

        static {
            String arch = System.getProperty("os.arch");
            for (Sys call : Sys.values()) {
                NUMBERS[call.ordinal()] = call.number(arch).orElseThrow(() -> new UnsupportedOperationException(
                        unsupportedArchitecture().orElseThrow()));
            }
        }

        // The one restricted call portscope makes: its signature is written out above, checked against
        // syscall(2), and every caller has asked NativeAccess first.
        @SuppressWarnings("restricted")
        private static MethodHandle bind() {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find("syscall").orElseThrow(() -> new UnsatisfiedLinkError("libc has no syscall"));
            ValueLayout l = ValueLayout.JAVA_LONG;
            return linker.downcallHandle(symbol, FunctionDescriptor.of(l, l, l, l, l, l, l, l), CAPTURE_ERRNO,
                    Linker.Option.firstVariadicArg(1));
        }
    }

    /** The call with these arguments (pointers as addresses); the kernel's result, -1 with errno on failure. */
    private static long call(MemorySegment state, Sys call, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Syscall.SYSCALL.invokeExact(state, Syscall.NUMBERS[call.ordinal()], a, b, c, d, e, f);
        } catch (Throwable t) {
            throw failed(t, call.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static long checked(MemorySegment state, Sys call, long a, long b, long c, long d, long e, long f) {
        long result = call(state, call, a, b, c, d, e, f);
        if (result < 0) {
            throw new NativeException(call.name().toLowerCase(java.util.Locale.ROOT), (int) ERRNO.get(state, 0L));
        }
        return result;
    }

    /** TIOCGWINSZ of asm-generic/ioctls.h (x86-64 and arm64). */
    static final long TIOCGWINSZ = 0x5413;

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; } (asm-generic/termios.h). */
    static final StructLayout WINSIZE = MemoryLayout.structLayout(ValueLayout.JAVA_SHORT.withName("ws_row"),
            ValueLayout.JAVA_SHORT.withName("ws_col"), ValueLayout.JAVA_SHORT.withName("ws_xpixel"),
            ValueLayout.JAVA_SHORT.withName("ws_ypixel"));

    /** ioctl(fd, TIOCGWINSZ, winsize): fails with ENOTTY when fd is not a terminal. */
    static void windowSize(MemorySegment state, int fd, MemorySegment winsize) {
        checked(state, Sys.IOCTL, fd, TIOCGWINSZ, winsize.address(), 0, 0, 0);
    }

    /** Scratch space for the errno of one call. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        return (int) checked(state, Sys.SOCKET, domain, type, protocol, 0, 0, 0);
    }

    static long sendto(MemorySegment state, int fd, MemorySegment buf, long len, MemorySegment addr, int addrLen) {
        return checked(state, Sys.SENDTO, fd, buf.address(), len, 0, addr.address(), addrLen);
    }

    static long recv(MemorySegment state, int fd, MemorySegment buf, long len, int flags) {
        return checked(state, Sys.RECVFROM, fd, buf.address(), len, flags, 0, 0);
    }

    static void bind(MemorySegment state, int fd, MemorySegment addr, int addrLen) {
        checked(state, Sys.BIND, fd, addr.address(), addrLen, 0, 0, 0);
    }

    static void setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        checked(state, Sys.SETSOCKOPT, fd, level, name, value.address(), length, 0);
    }

    static void setns(MemorySegment state, int fd, int nstype) {
        checked(state, Sys.SETNS, fd, nstype, 0, 0, 0, 0);
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        return (int) checked(state, Sys.OPENAT, AT_FDCWD, path.address(), flags, 0, 0, 0);
    }

    static long getdents64(MemorySegment state, int fd, MemorySegment buf, long len) {
        return checked(state, Sys.GETDENTS64, fd, buf.address(), len, 0, 0, 0);
    }

    /** readlinkat without the exception: the length, or -errno (a descriptor may close mid-scan). */
    static long readlinkat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment buf, long len) {
        long n = call(state, Sys.READLINKAT, dirfd, path.address(), buf.address(), len, 0, 0);
        return n >= 0 ? n : -(int) ERRNO.get(state, 0L);
    }

    static void close(MemorySegment state, int fd) {
        checked(state, Sys.CLOSE, fd, 0, 0, 0, 0, 0);
    }

    /** exit_group(2), what _exit does: ends the process at once; returns only by throwing, when the call cannot be made. */
    static void exit(MemorySegment state, int status) {
        call(state, Sys.EXIT_GROUP, status, 0, 0, 0, 0, 0);
        throw new IllegalStateException("exit_group returned");
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
}
