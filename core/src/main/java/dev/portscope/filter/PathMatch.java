package dev.portscope.filter;

import dev.portscope.model.SocketEntry;
import dev.portscope.model.UnixSocket;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code src PATTERN} or {@code dst PATTERN} on a UNIX socket's name, as ss's unix filter takes
 * them: a shell pattern ({@code *}, {@code ?}, {@code [...]}, fnmatch without FNM_PATHNAME, so
 * {@code *} crosses {@code /}) over the path or {@code @abstract} name; {@code src} is the socket's
 * own name, {@code dst} its peer's. An unnamed socket's name is {@code *}, as ss prints it.
 * Internet sockets have no path: they never match.
 */
public record PathMatch(Filter.End end, String pattern) implements Filter {
    public PathMatch {
        Objects.requireNonNull(end);
        Objects.requireNonNull(pattern);
    }

    /** Whether a filter value is a UNIX name rather than a host: a path, an abstract name, or {@code unix:NAME}. */
    public static boolean isPath(String value) {
        return value.startsWith("/") || value.startsWith("@") || value.startsWith("unix:");
    }

    /** The match for a value {@link #isPath} accepted: {@code unix:} dropped. */
    static PathMatch of(Filter.End end, String value) {
        return new PathMatch(end, value.startsWith("unix:") ? value.substring("unix:".length()) : value);
    }

    @Override
    public boolean test(SocketEntry socket, Facts facts) {
        return false;
    }

    /** Whether {@code name} (a path, {@code @name}, or {@code *} for none) matches the pattern. */
    public boolean matches(String name) {
        return glob(pattern).matcher(name).matches();
    }

    /**
     * Whether a UNIX socket passes {@code f}; {@code peerName} gives the name of a socket by inode
     * (the peer's, for {@code dst}). Conditions other than paths, and/or/not: see {@link #unsupported}.
     */
    public static boolean test(Filter f, UnixSocket s, Function<Long, Optional<String>> peerName) {
        return switch (f) {
            case Filter.Always a -> true;
            case Filter.Never n -> false;
            case Filter.And(Filter l, Filter r) -> test(l, s, peerName) && test(r, s, peerName);
            case Filter.Or(Filter l, Filter r) -> test(l, s, peerName) || test(r, s, peerName);
            case Filter.Not(Filter inner) -> !test(inner, s, peerName);
            case PathMatch p -> p.matches(p.end == Filter.End.LOCAL ? s.name().orElse("*")
                    : s.peer() == 0 ? "*" : peerName.apply(s.peer()).orElse("*"));
            default -> false; // ports and addresses: a UNIX socket has neither
        };
    }

    /** A condition of {@code f} a UNIX socket cannot be asked (pid, user, comm ...), to refuse it in words. */
    public static Optional<String> unsupported(Filter f) {
        return switch (f) {
            case Filter.And(Filter l, Filter r) -> unsupported(l).or(() -> unsupported(r));
            case Filter.Or(Filter l, Filter r) -> unsupported(l).or(() -> unsupported(r));
            case Filter.Not(Filter inner) -> unsupported(inner);
            case FactMatch m -> Optional.of(m.toString());
            case UserMatch u -> Optional.of("user");
            default -> Optional.empty();
        };
    }

    /** A bracket expression's members, with what is special only to Java's regex escaped. */
    private static String setMembers(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = pattern.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = pattern.substring(i + 1, close);
                        boolean negated = set.startsWith("!");
                        regex.append('[').append(negated ? "^" : "").append(setMembers(negated ? set.substring(1) : set)).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
