package dev.portscope.filter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's side of inet_diag bytecode, restated in Java for tests: {@code audit} is what
 * inet_diag_bc_audit() checks before a dump starts (a failure there is EINVAL), {@code run} is
 * inet_diag_bc_run() for the port operations portscope emits. A fake kernel, not a mock: it lets
 * a property test try thousands of programs that a live kernel would take minutes to answer.
 */
final class KernelInterpreter {
    private static final int NOP = 0;

    private KernelInterpreter() {
    }

    private static int code(ByteBuffer b, int at) {
        return b.get(at) & 0xff;
    }

    private static int yes(ByteBuffer b, int at) {
        return b.get(at + 1) & 0xff;
    }

    private static int no(ByteBuffer b, int at) {
        return b.getShort(at + 2) & 0xffff;
    }

    /** Whether the kernel would accept the program. */
    static boolean audit(byte[] program) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int at = 0;
        int len = program.length;
        if (len < 4) {
            return false;
        }
        while (len > 0) {
            int minLen = 4;
            int code = code(b, at);
            switch (code) {
                case KernelBytecode.S_EQ, KernelBytecode.S_GE, KernelBytecode.S_LE,
                     KernelBytecode.D_EQ, KernelBytecode.D_GE, KernelBytecode.D_LE -> {
                    minLen += 4;
                    if (len < minLen) {
                        return false;
                    }
                }
                case KernelBytecode.S_COND, KernelBytecode.D_COND -> {
                    // valid_hostcond(): the struct, then an address of the family's length, prefix within it
                    minLen += 8;
                    if (len < minLen) {
                        return false;
                    }
                    int family = b.get(at + 4) & 0xff;
                    int addressLength = switch (family) {
                        case KernelBytecode.AF_UNSPEC -> 0;
                        case KernelBytecode.AF_INET -> 4;
                        case KernelBytecode.AF_INET6 -> 16;
                        default -> -1;
                    };
                    if (addressLength < 0) {
                        return false;
                    }
                    minLen += addressLength;
                    if (len < minLen || (b.get(at + 5) & 0xff) > 8 * addressLength) {
                        return false;
                    }
                }
                case KernelBytecode.JMP, NOP -> { }
                default -> {
                    return false;
                }
            }
            if (code != NOP) {
                int no = no(b, at);
                if (no < minLen || no > len + 4 || (no & 3) != 0) {
                    return false;
                }
                if (no < len && !onYesChain(b, program.length, len - no)) {
                    return false;
                }
            }
            int yes = yes(b, at);
            if (yes < minLen || yes > len + 4 || (yes & 3) != 0) {
                return false;
            }
            at += yes;
            len -= yes;
        }
        return len == 0;
    }

    /** valid_cc(): walking the yes chain from the start reaches the op with {@code remaining} bytes after it. */
    private static boolean onYesChain(ByteBuffer b, int length, int remaining) {
        int at = 0;
        int len = length;
        while (len >= 0) {
            if (remaining > len) {
                return false;
            }
            if (remaining == len) {
                return true;
            }
            int yes = yes(b, at);
            if (yes < 4 || (yes & 3) != 0) {
                return false;
            }
            len -= yes;
            at += yes;
        }
        return false;
    }

    /** Whether an IPv4 socket between 127.0.0.1 ports passes the program. */
    static boolean run(byte[] program, int sport, int dport) {
        return run(program, new dev.portscope.model.SocketEntry(dev.portscope.model.Protocol.TCP, dev.portscope.model.Family.IPV4,
                dev.portscope.model.TcpState.ESTABLISHED, dev.portscope.model.Endpoint.of(new byte[] {127, 0, 0, 1}, sport),
                dev.portscope.model.Endpoint.of(new byte[] {127, 0, 0, 1}, dport), 0, 0, 0, 1));
    }

    /** Whether the socket passes the program. */
    static boolean run(byte[] program, dev.portscope.model.SocketEntry socket) {
        int sport = socket.local().port();
        int dport = socket.remote().port();
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int at = 0;
        int len = program.length;
        while (len > 0) {
            int operand = at + 4 < program.length ? no(b, at + 4) : 0;
            boolean yes = switch (code(b, at)) {
                case NOP -> true;
                case KernelBytecode.JMP -> false;
                case KernelBytecode.S_EQ -> sport == operand;
                case KernelBytecode.S_GE -> sport >= operand;
                case KernelBytecode.S_LE -> sport <= operand;
                case KernelBytecode.D_EQ -> dport == operand;
                case KernelBytecode.D_GE -> dport >= operand;
                case KernelBytecode.D_LE -> dport <= operand;
                case KernelBytecode.S_COND -> hostcond(b, at, socket, socket.local());
                case KernelBytecode.D_COND -> hostcond(b, at, socket, socket.remote());
                default -> throw new IllegalStateException("op " + code(b, at));
            };
            int step = yes ? yes(b, at) : no(b, at);
            len -= step;
            at += step;
        }
        return len == 0;
    }

    /** inet_diag_bc_run()'s S_COND/D_COND: port (-1 any), then prefix length 0 = any, then family and bits. */
    private static boolean hostcond(ByteBuffer b, int at, dev.portscope.model.SocketEntry socket, dev.portscope.model.Endpoint end) {
        int family = b.get(at + 4) & 0xff;
        int prefix = b.get(at + 5) & 0xff;
        int port = b.getInt(at + 8);
        if (port != -1 && port != end.port()) {
            return false;
        }
        if (prefix == 0) {
            return true;
        }
        byte[] have = end.address().getAddress(); // the socket's own family: 16 bytes on an IPv6 socket
        int entryFamily = socket.family() == dev.portscope.model.Family.IPV6 ? KernelBytecode.AF_INET6 : KernelBytecode.AF_INET;
        int offset = 0;
        if (family != entryFamily) {
            boolean mapped = entryFamily == KernelBytecode.AF_INET6 && family == KernelBytecode.AF_INET && end.isIpv4Mapped();
            if (!mapped) {
                return false;
            }
            offset = 12;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int want = b.get(at + 12 + bit / 8) >> (7 - bit % 8) & 1;
            int got = have[offset + bit / 8] >> (7 - bit % 8) & 1;
            if (want != got) {
                return false;
            }
        }
        return true;
    }
}
