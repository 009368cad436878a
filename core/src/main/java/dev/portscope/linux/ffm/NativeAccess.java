package dev.portscope.linux.ffm;

import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The one answer to "may portscope call libc here?", asked before any downcall handle is made.
 * With native access enabled for this code's module ({@code --enable-native-access}, or the
 * {@code Enable-Native-Access} manifest entry of an executable jar) it may. Without, the JVM
 * decides: by default it allows the calls and warns once on stderr; with
 * {@code --illegal-native-access=deny} it refuses, and every caller has a portable fallback.
 */
public final class NativeAccess {
    private NativeAccess() {
    }

    private static final class Answer {
        static final Optional<String> UNAVAILABLE = check();
    }

    /** Empty when native calls may be made; otherwise why not, in words for a {@code --debug} line. */
    public static Optional<String> unavailableReason() {
        return Answer.UNAVAILABLE;
    }

    /** Whether native calls may be made. */
    public static boolean available() {
        return Answer.UNAVAILABLE.isEmpty();
    }

    private static Optional<String> check() {
        Module module = NativeAccess.class.getModule();
        if (!module.isNativeAccessEnabled() && !restrictedCallsAllowed()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return Optional.of("native access is denied to " + name + " (allow it with --enable-native-access=" + name + ")");
        }
        Optional<String> architecture = NativeCalls.unsupportedArchitecture();
        if (architecture.isPresent()) {
            return architecture;
        }
        try {
            Linker.nativeLinker();
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.of("java.lang.foreign has no native linker on this platform: " + e.getMessage());
        }
    }

    /** Makes the cheapest restricted call: the JVM warns (its default) and allows it, or refuses (deny). */
    @SuppressWarnings("restricted")
    private static boolean restrictedCallsAllowed() {
        try {
            MemorySegment.NULL.reinterpret(0);
            return true;
        } catch (IllegalCallerException e) {
            return false;
        }
    }
}
