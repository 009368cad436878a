package dev.portscope.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the kernel says about one UNIX domain socket (unix_diag, or {@code /proc/net/unix}).
 *
 * @param type    stream, datagram or seqpacket
 * @param state   {@link TcpState#LISTEN}, {@link TcpState#ESTABLISHED} (connected) or {@link TcpState#CLOSE}
 *                (unconnected); {@link TcpState#SYN_SENT} while connecting
 * @param name    the bound name as ss prints it: a path, {@code @name} for an abstract name (its NULs as
 *                {@code @}); empty for an unnamed socket (socketpair, a client's end)
 * @param inode   the socket's inode
 * @param peer    the inode of the other end; 0 when unconnected or when the source does not say
 *                ({@code /proc/net/unix} has no peers, nor queues: they read 0 there, as in ss)
 * @param recvQ   bytes waiting to be read; for a listener, connections waiting to be accepted
 * @param sendQ   bytes sent and not yet read by the peer; for a listener, its backlog limit
 * @param uid     the owner's uid (unix_diag, Linux 5.3+)
 * @param pending a listener's connections waiting to be accepted, by inode (asked for with details)
 * @param memory  its socket memory, as {@code ss -xm} shows it (asked for; unix_diag only)
 * @param netns   inode of the network namespace it was read in; 0 when the read did not name one
 */
public record UnixSocket(Type type, TcpState state, Optional<String> name, long inode, long peer, long recvQ, long sendQ,
                         OptionalInt uid, List<Long> pending, Optional<SocketMemory> memory, long netns) implements KernelSocket {

    /** The socket types of AF_UNIX, with the numbers of {@code socket(2)} and ss's Netid names. */
    public enum Type {
        STREAM(1, "u_str", "STREAM"), DGRAM(2, "u_dgr", "DGRAM"), SEQPACKET(5, "u_seq", "SEQPACKET");

        private final int code;
        private final String netid;
        private final String word;

        Type(int code, String netid, String word) {
            this.code = code;
            this.netid = netid;
            this.word = word;
        }

        /** {@code SOCK_STREAM}, {@code SOCK_DGRAM}, {@code SOCK_SEQPACKET}. */
        public int code() {
            return code;
        }

        /** ss's Netid: {@code u_str}, {@code u_dgr}, {@code u_seq}. */
        public String netid() {
            return netid;
        }

        /** netstat's Type column: {@code STREAM}, {@code DGRAM}, {@code SEQPACKET}. */
        public String word() {
            return word;
        }

        /** The type of a {@code SOCK_*} number; ss counts any other as a datagram socket, and so does this. */
        public static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return DGRAM;
        }
    }

    public UnixSocket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        pending = List.copyOf(pending);
    }

    @Override
    public String netid() {
        return type.netid();
    }

    /** The same socket, labelled with the network namespace it was read in. */
    public UnixSocket inNamespace(long netnsInode) {
        return new UnixSocket(type, state, name, inode, peer, recvQ, sendQ, uid, pending, memory, netnsInode);
    }

    /** Whether this socket waits for connections. */
    public boolean isListening() {
        return state == TcpState.LISTEN;
    }

    /** Whether its name is abstract ({@code @name}): no file, but a name in the namespace. */
    public boolean isAbstract() {
        return name.filter(n -> n.startsWith("@")).isPresent();
    }
}
