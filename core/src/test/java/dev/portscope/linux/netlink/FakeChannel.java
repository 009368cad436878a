package dev.portscope.linux.netlink;

import dev.portscope.source.SourceException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A dump channel that answers from a script of received chunks and keeps what was sent: the real
 * dump loop ({@link NetlinkSource}) runs over it, so its error paths are tested without a kernel.
 */
public final class FakeChannel implements DumpChannel {
    static final int EINVAL = 22, ENOENT = 2, EBUSY = 16;

    private final Deque<byte[]> chunks;
    public final List<byte[]> sent = new ArrayList<>();
    boolean closed;

    FakeChannel(List<byte[]> chunks) {
        this.chunks = new ArrayDeque<>(chunks);
    }

    /** A netlink source whose reads take these channels one after another, one per read. */
    public static NetlinkSource source(List<FakeChannel> channels) {
        Deque<FakeChannel> left = new ArrayDeque<>(channels);
        return new NetlinkSource(() -> {
            if (left.isEmpty()) {
                throw new AssertionError("more reads than scripted channels");
            }
            return left.poll();
        });
    }

    /** A netlink source whose one read takes {@code channel}, and names interfaces from {@code links} (an rtnetlink answer). */
    public static NetlinkSource source(FakeChannel channel, FakeChannel links) {
        return new NetlinkSource(() -> channel, () -> links);
    }

    /** A netlink source that cannot open a channel at all. */
    public static NetlinkSource unavailable(String why) {
        return new NetlinkSource(() -> {
            throw new dev.portscope.source.SourceUnavailableException(why, null);
        });
    }

    /** A channel answering each request with the next chunk. */
    public static FakeChannel replaying(byte[]... chunks) {
        return new FakeChannel(List.of(chunks));
    }

    @Override
    public void send(byte[] request) {
        sent.add(request.clone());
    }

    @Override
    public int receive(byte[] into) {
        byte[] next = chunks.poll();
        if (next == null) {
            throw new SourceException("the script has no more chunks");
        }
        System.arraycopy(next, 0, into, 0, next.length);
        return next.length;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Builds one received chunk out of messages. */
    public static final class Chunk {
        private final ByteBuffer b = ByteBuffer.allocate(32 * 1024).order(ByteOrder.nativeOrder());
        private int last;

        /** A listening or connected IPv4 TCP socket on 127.0.0.1:{@code port}. */
        public Chunk socket(int port, int inode) {
            return socket(port, inode, 0);
        }

        /** The same with a socket cookie (inet_diag_sockid.idiag_cookie, 44 bytes into the message after nlmsghdr's 16). */
        public Chunk socket(int port, int inode, long cookie) {
            int start = b.position();
            InetDiagTest.diagMessage(b, 2, 10, new byte[] {127, 0, 0, 1}, port, new byte[4], 0, 0, 0, 0, inode);
            b.putInt(start + 60, (int) cookie).putInt(start + 64, (int) (cookie >>> 32));
            last = start;
            return this;
        }

        /** A listening or connected IPv6 TCP socket on [::1]:{@code port}. */
        public Chunk socket6(int port, int inode) {
            byte[] loopback = new byte[16];
            loopback[15] = 1;
            last = b.position();
            InetDiagTest.diagMessage(b, 10, 10, loopback, port, new byte[16], 0, 0, 0, 0, inode);
            return this;
        }

        /** Binds the last socket to interface {@code index} (inet_diag_sockid.idiag_if, 40 bytes into the message after nlmsghdr's 16). */
        public Chunk boundTo(int index) {
            b.putInt(last + 56, index);
            return this;
        }

        /** Marks the last message NLM_F_DUMP_INTR, as the kernel does when a dump saw its tables change. */
        public Chunk interrupted() {
            b.putShort(last + 6, (short) (b.getShort(last + 6) | InetDiag.NLM_F_DUMP_INTR));
            return this;
        }

        /** NLMSG_DONE, with a negative errno in its payload when {@code errno} is not 0. */
        public Chunk done(int errno) {
            b.putInt(20).putShort((short) InetDiag.NLMSG_DONE).putShort((short) 2).putInt(1).putInt(0).putInt(-errno);
            return this;
        }

        /** NLMSG_ERROR carrying -errno (and the start of the request, as the kernel echoes it). */
        public Chunk error(int errno) {
            b.putInt(36).putShort((short) InetDiag.NLMSG_ERROR).putShort((short) 0).putInt(1).putInt(0).putInt(-errno)
                    .put(new byte[16]);
            return this;
        }

        public byte[] bytes() {
            byte[] out = new byte[b.position()];
            b.duplicate().flip().get(out);
            return out;
        }
    }

    public static Chunk chunk() {
        return new Chunk();
    }
}
