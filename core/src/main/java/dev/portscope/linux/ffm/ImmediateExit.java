package dev.portscope.linux.ffm;

import java.lang.foreign.Arena;

/**
 * Ends the process with _exit(2), skipping the JVM's shutdown. The JVM's exit waits up to 300 ms
 * for threads that are inside a native call (HotSpot's VM_Exit), and a reverse lookup that has
 * outlived its deadline sits in getnameinfo for seconds: a listing that refuses to wait for DNS
 * would still wait at its very end. Flush every writer before calling this.
 */
public final class ImmediateExit {
    private ImmediateExit() {
    }

    /**
     * Exits now with {@code status}. Returns normally only when native calls are not allowed
     * here, so the caller can exit the ordinary way.
     */
    public static void now(int status) {
        if (!NativeAccess.available()) {
            return; // the caller's System.exit still ends the run, 300 ms later
        }
        try (Arena arena = Arena.ofConfined()) {
            NativeCalls.exit(NativeCalls.callState(arena), status);
        }
    }
}
