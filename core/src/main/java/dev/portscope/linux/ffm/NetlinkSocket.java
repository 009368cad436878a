package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An open {@code NETLINK_SOCK_DIAG} socket with its own confined arena for scratch memory. Use
 * from one thread; closing twice is harmless.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** The kernel sends a dump in chunks of about 32 KiB; twice that leaves room. */
    public static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int SOCKADDR_NL = 12;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment callState = NativeCalls.callState(arena);
    private final MemorySegment receive = arena.allocate(RECEIVE_BUFFER);
    private final MemorySegment kernel = arena.allocate(SOCKADDR_NL);
    private final int fd;
    private boolean closed;

    private NetlinkSocket(int protocol) {
        try {
            fd = NativeCalls.socket(callState, NativeCalls.AF_NETLINK, NativeCalls.SOCK_RAW | NativeCalls.SOCK_CLOEXEC, protocol);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        kernel.set(ValueLayout.JAVA_SHORT, 0, (short) NativeCalls.AF_NETLINK); // nl_family; nl_pid 0 is the kernel
    }

    /** Adopts a socket opened elsewhere (in another namespace, by another thread). */
    private NetlinkSocket(int fd, boolean adopted) {
        this.fd = fd;
        kernel.set(ValueLayout.JAVA_SHORT, 0, (short) NativeCalls.AF_NETLINK);
    }

    /**
     * Opens a socket of this netlink protocol inside the network namespace {@code netns} (an nsfs
     * file: {@code /proc/PID/ns/net}, {@code /run/netns/NAME}). A socket stays in the namespace it
     * was made in, so one platform thread kept for this enters the namespace (setns is per thread,
     * and needs CAP_SYS_ADMIN), opens it, and goes back; the socket then answers for that namespace
     * from any thread. The calling thread never changes namespace.
     *
     * @throws NativeException when the namespace cannot be entered (EPERM without root, ENOENT ...)
     */
    public static NetlinkSocket openIn(String netns, int protocol) {
        return new NetlinkSocket(NamespaceThread.socketIn(netns, protocol), true);
    }

    /**
     * Opens a socket of this netlink protocol ({@code NETLINK_SOCK_DIAG} is 4).
     *
     * @throws NativeException when the kernel refuses (EPROTONOSUPPORT, EAFNOSUPPORT ...)
     */
    public static NetlinkSocket open(int protocol) {
        return new NetlinkSocket(protocol);
    }

    /**
     * Joins multicast groups: {@code groups} is a bitmask of groups 1 to 32 (bit n-1 for group n),
     * as {@code sockaddr_nl.nl_groups} takes them in bind(2).
     */
    public void subscribe(int groups) {
        MemorySegment address = arena.allocate(SOCKADDR_NL);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) NativeCalls.AF_NETLINK);
        address.set(ValueLayout.JAVA_INT, 8, groups);
        NativeCalls.bind(callState, fd, address, SOCKADDR_NL);
    }

    /**
     * Asks for a receive queue of {@code bytes}: beyond net.core.rmem_max with CAP_NET_ADMIN
     * (SO_RCVBUFFORCE), else up to it (SO_RCVBUF).
     */
    public void receiveBuffer(int bytes) {
        MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_INT, bytes);
        try {
            NativeCalls.setsockopt(callState, fd, NativeCalls.SOL_SOCKET, NativeCalls.SO_RCVBUFFORCE, value, 4);
        } catch (NativeException e) {
            NativeCalls.setsockopt(callState, fd, NativeCalls.SOL_SOCKET, NativeCalls.SO_RCVBUF, value, 4);
        }
    }

    /** Makes {@link #receive} give up after this long without a datagram (it then throws EAGAIN). */
    public void receiveTimeout(java.time.Duration timeout) {
        MemorySegment timeval = arena.allocate(16); // struct timeval { long tv_sec; long tv_usec; } on 64-bit Linux
        timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
        timeval.set(ValueLayout.JAVA_LONG, 8, timeout.toMillisPart() * 1000L);
        NativeCalls.setsockopt(callState, fd, NativeCalls.SOL_SOCKET, NativeCalls.SO_RCVTIMEO, timeval, 16);
    }

    /** Sends one message to the kernel, retrying when interrupted. */
    public void send(byte[] message) {
        MemorySegment out = arena.allocate(message.length);
        MemorySegment.copy(message, 0, out, ValueLayout.JAVA_BYTE, 0, message.length);
        while (true) {
            try {
                NativeCalls.sendto(callState, fd, out, message.length, kernel, SOCKADDR_NL);
                return;
            } catch (NativeException e) {
                if (e.errno() != NativeException.EINTR) {
                    throw e;
                }
            }
        }
    }

    /**
     * Receives one datagram into {@code into} (at least {@link #RECEIVE_BUFFER} long) and returns its
     * length. A datagram larger than the buffer is an error rather than silently cut short.
     */
    public int receive(byte[] into) {
        while (true) {
            long n;
            try {
                n = NativeCalls.recv(callState, fd, receive, RECEIVE_BUFFER, NativeCalls.MSG_TRUNC);
            } catch (NativeException e) {
                if (e.errno() == NativeException.EINTR) {
                    continue;
                }
                throw e;
            }
            if (n > RECEIVE_BUFFER) {
                throw new IllegalStateException("netlink message of " + n + " bytes exceeds the " + RECEIVE_BUFFER + "-byte buffer");
            }
            MemorySegment.copy(receive, ValueLayout.JAVA_BYTE, 0, into, 0, (int) n);
            return (int) n;
        }
    }

    /** The descriptor, for tests in this package. */
    int fd() {
        return fd;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            NativeCalls.close(callState, fd);
        } finally {
            arena.close();
        }
    }
}
