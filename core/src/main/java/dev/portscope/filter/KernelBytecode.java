package dev.portscope.filter;

import dev.portscope.filter.Filter.And;
import dev.portscope.filter.Filter.Always;
import dev.portscope.filter.Filter.Comparison;
import dev.portscope.filter.Filter.End;
import dev.portscope.filter.Filter.Never;
import dev.portscope.filter.Filter.Not;
import dev.portscope.filter.Filter.Or;
import dev.portscope.filter.Filter.PortCompare;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Compiles a {@link Filter} into inet_diag bytecode ({@code INET_DIAG_REQ_BYTECODE}), which the
 * kernel runs on every socket of a dump so that only matches are sent. The kernel sees a superset:
 * a condition it cannot evaluate counts as passing (or failing, under a {@code not}), and the
 * caller still applies {@link Filter#test} to what comes back.
 *
 * <p>The program is a row of {@code struct inet_diag_bc_op {u8 code; u8 yes; u16 no;}}; after each
 * op the kernel moves {@code yes} or {@code no} bytes forward, and a socket passes if it lands
 * exactly on the end ({@code no} may point 4 bytes past it: reject). The kernel's audit walks the
 * {@code yes} chain alone and wants every {@code no} to land on it, so each {@code yes} falls
 * through to the next op, and a far "true" is a {@code JMP} right after. The program is emitted
 * back to front, so that every jump target already has a position, measured as distance before
 * the end.
 */
public final class KernelBytecode {
    static final int JMP = 1, S_GE = 2, S_LE = 3, D_GE = 4, D_LE = 5, S_COND = 7, D_COND = 8, S_EQ = 11, D_EQ = 12;
    static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;
    private static final int ACCEPT = 0;
    private static final int REJECT = -4;
    private static final int MAX_NO = 65535;

    private final Deque<byte[]> chunks = new ArrayDeque<>(); // ops and their operands, front of the program first
    private int size;

    private KernelBytecode() {
    }

    /**
     * The bytecode for {@code filter}; empty when the kernel could reject nothing (no filter, or
     * nothing in it the kernel understands), or when the program would be too long for its jumps.
     */
    public static Optional<byte[]> compile(Filter filter) {
        Filter view = kernelView(filter);
        if (view instanceof Always) {
            return Optional.empty();
        }
        KernelBytecode code = new KernelBytecode();
        try {
            if (view instanceof Never) {
                code.jump(REJECT);
            } else {
                code.emit(view, ACCEPT, REJECT);
            }
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
        return Optional.of(code.bytes());
    }

    /**
     * The part of {@code f} the kernel can evaluate (ports and address prefixes, with ports said in
     * the kernel's =, <= and >=); anything else becomes a constant that never loses a match.
     */
    static Filter kernelView(Filter f) {
        return Filter.within(kernelPorts(f), leaf -> leaf instanceof PortCompare || leaf instanceof HostMatch);
    }

    private static Filter kernelPorts(Filter f) {
        return switch (f) {
            case PortCompare p -> portView(p);
            case Not(Filter inner) -> new Not(kernelPorts(inner));
            case And(Filter l, Filter r) -> new And(kernelPorts(l), kernelPorts(r));
            case Or(Filter l, Filter r) -> new Or(kernelPorts(l), kernelPorts(r));
            default -> f;
        };
    }

    /** The kernel has =, <= and >= on ports: the rest are said with those. */
    private static Filter portView(PortCompare p) {
        return switch (p.comparison()) {
            case EQ, LE, GE -> p;
            case NE -> new Not(new PortCompare(p.end(), Comparison.EQ, p.port()));
            case LT -> p.port() == 0 ? Filter.Never.INSTANCE : new PortCompare(p.end(), Comparison.LE, p.port() - 1);
            case GT -> p.port() == 65535 ? Filter.Never.INSTANCE : new PortCompare(p.end(), Comparison.GE, p.port() + 1);
        };
    }

    /** Emits {@code f} so that it continues at {@code onTrue} or {@code onFalse}; returns where it starts. */
    private int emit(Filter f, int onTrue, int onFalse) {
        return switch (f) {
            case PortCompare p -> port(p, onTrue, onFalse);
            case HostMatch h -> host(h, onTrue, onFalse);
            case Not(Filter inner) -> emit(inner, onFalse, onTrue);
            case And(Filter l, Filter r) -> emit(l, emit(r, onTrue, onFalse), onFalse);
            case Or(Filter l, Filter r) -> emit(l, onTrue, emit(r, onTrue, onFalse));
            case Always a -> onTrue;
            case Never n -> onFalse;
            default -> throw new IllegalStateException("not a kernel condition: " + f);
        };
    }

    private int port(PortCompare p, int onTrue, int onFalse) {
        boolean local = p.end() == End.LOCAL;
        int code = switch (p.comparison()) {
            case EQ -> local ? S_EQ : D_EQ;
            case LE -> local ? S_LE : D_LE;
            case GE -> local ? S_GE : D_GE;
            default -> throw new IllegalStateException("not a kernel comparison: " + p);
        };
        if (onTrue != size) {
            jump(onTrue); // the kernel wants every yes to fall through to the next op
        }
        push(0, 0, p.port()); // the operand: the port in the "no" field
        int start = size + 4;
        push(code, 8, start - onFalse);
        return start;
    }

    /** {@code S_COND}/{@code D_COND} and its {@code struct inet_diag_hostcond {u8 family; u8 prefix_len; int port; __be32 addr[];}}. */
    private int host(HostMatch h, int onTrue, int onFalse) {
        if (onTrue != size) {
            jump(onTrue);
        }
        byte[] address = h.address().map(InetAddress::getAddress).orElse(new byte[0]);
        ByteBuffer cond = ByteBuffer.allocate(8 + address.length).order(ByteOrder.nativeOrder());
        cond.put((byte) (address.length == 4 ? AF_INET : address.length == 16 ? AF_INET6 : AF_UNSPEC))
                .put((byte) h.prefixLength()).putShort((short) 0).putInt(h.port().orElse(-1)).put(address);
        pushBytes(cond.array());
        int start = size + 4;
        push(h.end() == End.LOCAL ? S_COND : D_COND, 4 + cond.capacity(), start - onFalse);
        return start;
    }

    /** An unconditional jump (its {@code no} is taken); returns where it starts. */
    private int jump(int target) {
        int start = size + 4;
        push(JMP, 4, start - target);
        return start;
    }

    private void push(int code, int yes, int no) {
        if (no > MAX_NO) {
            throw new ArithmeticException("jump too long");
        }
        pushBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).put((byte) code).put((byte) yes).putShort((short) no).array());
    }

    private void pushBytes(byte[] chunk) {
        chunks.addFirst(chunk);
        size += chunk.length;
    }

    private byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(size);
        chunks.forEach(b::put);
        return b.array();
    }
}
