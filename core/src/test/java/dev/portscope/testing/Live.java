package dev.portscope.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that asks the running machine: live sockets, the kernel over netlink, other processes,
 * namespaces (root), ss, a C compiler. {@code ./build verify -DexcludedGroups=live} runs only
 * the pure tests (fixtures, parsers, fakes); {@code ./build verify} runs everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("live")
public @interface Live {
}
