package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalInt;

/** The width of the terminal a file descriptor writes to, as the kernel's tty driver knows it (TIOCGWINSZ). */
public final class TerminalSize {
    private static final long WS_COL = NativeCalls.WINSIZE.byteOffset(MemoryLayout.PathElement.groupElement("ws_col"));

    private TerminalSize() {
    }

    /**
     * The number of columns of the terminal behind {@code fd}; empty when it is not a terminal, when
     * the terminal does not say (0 columns), or when native calls are not allowed here.
     */
    public static OptionalInt columns(int fd) {
        if (!NativeAccess.available()) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment winsize = arena.allocate(NativeCalls.WINSIZE);
            NativeCalls.windowSize(NativeCalls.callState(arena), fd, winsize);
            int columns = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, WS_COL));
            return columns > 0 ? OptionalInt.of(columns) : OptionalInt.empty();
        } catch (NativeException e) {
            return OptionalInt.empty(); // ENOTTY: a pipe or a file
        }
    }
}
