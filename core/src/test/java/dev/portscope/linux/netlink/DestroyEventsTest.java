package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The destroy-event loop over a scripted receiver: messages, timeouts, overflow, and errors, without a kernel. */
class DestroyEventsTest {
    /** A destroy broadcast as the kernel sends it: inet_diag_msg in CLOSE, then INET_DIAG_PROTOCOL. */
    private static byte[] destroyed(int protocol, int port) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        InetDiagTest.diagMessage(b, 2, 7, new byte[] {127, 0, 0, 1}, port, new byte[] {127, 0, 0, 1}, 5000, 0, 0, 0, 0);
        int attribute = 16 + 72;
        b.putShort(attribute + 2, (short) DestroyEvents.INET_DIAG_PROTOCOL).put(attribute + 4, (byte) protocol);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** The same, bound to interface {@code index} (idiag_if). */
    private static byte[] destroyedBoundTo(int index) {
        byte[] b = destroyed(6, 40000);
        InetDiag.U32.set(b, 16 + 4 + 36, index);
        return b;
    }

    /** Answers each receive with the next script entry: a datagram, or an errno to fail with. */
    private static DestroyEvents scripted(Object... script) {
        return scripted(() -> {
            throw new dev.portscope.source.SourceUnavailableException("no link table in this script", null);
        }, script);
    }

    private static DestroyEvents scripted(java.util.function.Supplier<DumpChannel> routes, Object... script) {
        Deque<Object> left = new ArrayDeque<>(List.of(script));
        return new DestroyEvents(new DestroyEvents.Receiver() {
            @Override
            public int receive(byte[] into) {
                Object next = left.poll();
                if (next instanceof Integer errno) {
                    throw new NativeException("recvfrom", errno);
                }
                byte[] datagram = (byte[]) next;
                System.arraycopy(datagram, 0, into, 0, datagram.length);
                return datagram.length;
            }

            @Override
            public void close() {
            }
        }, routes);
    }

    @Test
    void aDestroyedSocketsBoundInterfaceIsNamedAsTheDumpsNameIt() {
        FakeChannel links = FakeChannel.replaying(FamilyDiagTest.links()); // interface 1 is "lo"
        DestroyEvents events = scripted(() -> links, destroyedBoundTo(1), destroyedBoundTo(9), destroyed(6, 40001));
        assertEquals("lo", events.receive().sockets().getFirst().extras().boundInterface().orElseThrow().label());
        assertEquals("if9", events.receive().sockets().getFirst().extras().boundInterface().orElseThrow().label(),
                "an index the link table does not name keeps it, as ss's if9");
        assertTrue(events.receive().sockets().getFirst().extras().boundInterface().isEmpty());
    }

    @Test
    void aDestroyedSocketCarriesItsProtocolAndIsInClose() {
        DestroyEvents events = scripted(destroyed(6, 40000), destroyed(17, 53));
        SocketEntry tcp = events.receive().sockets().getFirst();
        assertEquals(Protocol.TCP, tcp.protocol());
        assertEquals(TcpState.CLOSE, tcp.state(), "not BOUND_INACTIVE, which CLOSE means in a dump");
        assertEquals(40000, tcp.local().port());
        assertEquals(5000, tcp.remote().port());
        assertEquals(Protocol.UDP, events.receive().sockets().getFirst().protocol());
    }

    @Test
    void aTimeoutIsAnEmptyBatchAndAnOverflowIsSaid() {
        DestroyEvents events = scripted(NativeException.EAGAIN, NativeException.ENOBUFS, destroyed(6, 1));
        DestroyEvents.Batch timeout = events.receive();
        assertTrue(timeout.sockets().isEmpty() && !timeout.overflowed());
        DestroyEvents.Batch overflow = events.receive();
        assertTrue(overflow.overflowed());
        assertFalse(events.receive().overflowed());
    }

    @Test
    void anotherErrorEndsTheReader() {
        DestroyEvents events = scripted(NativeException.EINVAL);
        assertThrows(NativeException.class, events::receive);
    }

    @Test
    void aMessageWithoutAProtocolOrOfAnotherOneIsSkipped() {
        byte[] sctp = destroyed(132, 9);
        byte[] cut = java.util.Arrays.copyOf(destroyed(6, 9), 16 + 72); // no attributes at all
        ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, cut.length);
        assertEquals(List.of(), DestroyEvents.parse(sctp, sctp.length));
        assertEquals(List.of(), DestroyEvents.parse(cut, cut.length));
    }
}
