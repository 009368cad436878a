package dev.portscope.filter;

import dev.portscope.filter.Filter.Comparison;
import dev.portscope.filter.Filter.End;
import dev.portscope.model.Direction;
import dev.portscope.model.PortClass;
import dev.portscope.model.TcpState;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * ss's filter language, {@code [state NAME | exclude NAME]... [EXPRESSION]}, plus portscope's own
 * conditions. As in ss, {@code and}, {@code or} and juxtaposition (an implied and) bind equally
 * and group left to right ({@code a or b and c} is {@code (a or b) and c}); {@code not} binds to
 * the condition after it; parentheses group. Conditions:
 * <ul>
 *   <li>{@code sport|dport [OP] [:]PORT}: OP one of = == eq != ne neq &lt; lt &gt; gt &lt;= le leq
 *       &gt;= ge geq (= when left out), PORT a number, a service name or *;</li>
 *   <li>{@code src|dst [=|!=] HOST}: {@code ADDR[/LEN][:PORT]}, {@code [IPV6][/LEN][:PORT]},
 *       {@code NAME[:PORT]}, {@code :PORT} or {@code *}; unbracketed IPv6 split at the last colon as
 *       ss does ({@code ::1:22}); IPv4 may be abbreviated as ss allows ({@code 193.233.7/24}); a name
 *       means each of its addresses ({@link Lookups#addresses});</li>
 *   <li>{@code pid}, {@code user} (name or uid of the socket's owner), {@code comm},
 *       {@code class} (system|user|dynamic, of the service port), {@code dir} (in|out),
 *       {@code netns} (name or inode), {@code container} (id prefix, name, label or pod uid),
 *       {@code cgroup} (path, as ss's), {@code dev} (the interface a socket is bound to, name or
 *       index, as ss's), each with = or != (ss's {@code cgroup PATH} without one).</li>
 * </ul>
 * Errors are {@link FilterSyntaxException}s that point at the token.
 */
public final class FilterParser {

    /** The names a filter may use: services for ports, users for uids. */
    public interface Lookups {
        /**
         * The port a service name stands for, over TCP or UDP; empty when no service has that
         * name. Throws IllegalArgumentException, with the reason, when the name is ambiguous.
         */
        OptionalInt port(String service);

        /** The uid of a user name; empty when there is no such user. */
        OptionalInt uid(String user);

        /**
         * Every address of a host name (as ss's getaddrinfo). Throws IllegalArgumentException,
         * with the reason, when it has none or no answer came in time. By default names are refused.
         */
        default List<InetAddress> addresses(String host) {
            throw new IllegalArgumentException("'" + host + "' is a name, and this filter does not look names up: give an address");
        }
    }

    /** A parsed filter: the states it keeps when it names any ({@code state}, {@code exclude}), and its condition. */
    public record Parsed(Optional<Set<TcpState>> states, Filter filter) {
    }

    private record Token(String text, int start) {
        boolean is(String... words) {
            for (String w : words) {
                if (text.equals(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String expression;
    private final List<Token> tokens;
    private final Lookups lookups;
    private int next;

    private FilterParser(String expression, Lookups lookups) {
        this.expression = expression;
        this.tokens = tokenize(expression);
        this.lookups = lookups;
    }

    /** Parses the words of a filter (command-line arguments, joined by spaces as ss joins them). */
    public static Parsed parse(List<String> words, Lookups lookups) {
        return parse(String.join(" ", words), lookups);
    }

    /** Parses one filter expression. */
    public static Parsed parse(String expression, Lookups lookups) {
        return new FilterParser(expression, lookups).parse();
    }

    private Parsed parse() {
        Optional<Set<TcpState>> states = Optional.empty();
        while (peekIs("state", "exclude", "excl")) {
            boolean keep = take().is("state");
            Token name = take("a state name after '" + tokens.get(next - 1).text() + "'");
            Set<TcpState> named = StateNames.of(name.text()).orElseThrow(() -> error(name, "no state named '" + name.text()
                    + "' (established, syn-sent, syn-recv, fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, "
                    + "listening, closing, bound-inactive; groups all, connected, synchronized, bucket, big)"));
            Set<TcpState> so = EnumSet.noneOf(TcpState.class);
            so.addAll(states.orElse(keep ? Set.of() : EnumSet.allOf(TcpState.class)));
            if (keep) {
                so.addAll(named);
            } else {
                so.removeAll(named);
            }
            states = Optional.of(so);
        }
        if (next == tokens.size()) {
            return new Parsed(states, Filter.always());
        }
        Filter filter = list();
        if (next < tokens.size()) {
            Token t = tokens.get(next);
            throw error(t, t.is(")") ? "')' without a '(' before it" : "unexpected '" + t.text() + "'");
        }
        return new Parsed(states, filter);
    }

    /** {@code expr (('or'|'and'|) expr)*}, all left to right at one level, as ss's grammar has it. */
    private Filter list() {
        Filter left = condition();
        while (next < tokens.size() && !peekIs(")")) {
            if (peekIs("or", "|", "||")) {
                next++;
                left = Filter.or(left, condition());
            } else {
                if (peekIs("and", "&", "&&")) {
                    next++;
                }
                left = Filter.and(left, condition());
            }
        }
        return left;
    }

    private Filter condition() {
        Token t = take("a condition (sport, dport, src, dst, pid, user, comm, class, dir), '(' or 'not'");
        String word = t.text().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "(" -> {
                Filter inner = list();
                if (!peekIs(")")) {
                    throw next < tokens.size() ? error(tokens.get(next), "expected ')' here, to close the '(' at column " + (t.start() + 1))
                            : error(t, "this '(' is never closed");
                }
                next++;
                yield inner;
            }
            case "!", "not" -> new Filter.Not(condition());
            case "sport", "dport" -> port(word.equals("sport") ? End.LOCAL : End.REMOTE);
            case "src", "dst" -> host(word.equals("src") ? End.LOCAL : End.REMOTE);
            case "pid" -> equality(t, () -> pid(take("a process id after 'pid ='")));
            case "user" -> equality(t, () -> user(take("a user name or uid after 'user ='")));
            case "comm" -> equality(t, () -> new FactMatch.Command(take("a command name after 'comm ='").text()));
            case "class" -> equality(t, () -> portClass(take("system, user or dynamic after 'class ='")));
            case "dir" -> equality(t, () -> direction(take("in or out after 'dir ='")));
            case "state", "exclude", "excl" -> throw error(t, "'" + t.text() + "' must come before the expression, as in ss");
            case "netns" -> equality(t, () -> new FactMatch.Namespace(take("a namespace name or inode after 'netns ='").text()));
            case "container" -> equality(t, () -> new FactMatch.ContainerIs(take("a container id, name or unit after 'container ='").text()));
            case "cgroup" -> equality(t, () -> new FactMatch.CgroupPath(take("a cgroup path after 'cgroup', such as /system.slice/nginx.service")
                    .text()));
            case "dev" -> equality(t, () -> new DeviceMatch(take("an interface name or index after 'dev =', such as lo").text()));
            case "fwmark", "autobound" -> throw error(t, "portscope does not filter on '" + t.text() + "'");
            case ")", "and", "&", "&&", "or", "|", "||" -> throw error(t, "expected a condition before '" + t.text() + "'");
            default -> throw error(t, "expected a condition (sport, dport, src, dst, pid, user, comm, class, dir), '(' or 'not'"
                    + " where '" + t.text() + "' is");
        };
    }

    /** The comparison after a keyword, if one is there. */
    private Optional<Comparison> comparison() {
        if (next == tokens.size()) {
            return Optional.empty();
        }
        Comparison c = switch (tokens.get(next).text()) {
            case "=", "==", "eq" -> Comparison.EQ;
            case "!=", "ne", "neq" -> Comparison.NE;
            case "<", "lt" -> Comparison.LT;
            case ">", "gt" -> Comparison.GT;
            case "<=", "le", "leq" -> Comparison.LE;
            case ">=", "ge", "geq" -> Comparison.GE;
            default -> null;
        };
        if (c != null) {
            next++;
        }
        return Optional.ofNullable(c);
    }

    /** {@code KEYWORD [=|!=] VALUE} (= when left out): the value's condition, or its negation. */
    private Filter equality(Token keyword, Supplier<Filter> value) {
        Optional<Comparison> c = comparison();
        if (c.isPresent() && c.get() != Comparison.EQ && c.get() != Comparison.NE) {
            throw error(tokens.get(next - 1), "'" + keyword.text() + "' takes = or != only");
        }
        Filter condition = value.get();
        return c.orElse(Comparison.EQ) == Comparison.NE ? new Filter.Not(condition) : condition;
    }

    private Filter port(End end) {
        Comparison c = comparison().orElse(Comparison.EQ);
        Token value = take("a port after '" + tokens.get(next - 1).text() + "', such as :22 or :ssh");
        OptionalInt port = portNumber(value, value.text().startsWith(":") ? value.text().substring(1) : value.text());
        if (port.isEmpty()) {
            return c == Comparison.NE ? Filter.Never.INSTANCE : Filter.always(); // '*': any port
        }
        return new Filter.PortCompare(end, c, port.getAsInt());
    }

    private Filter host(End end) {
        Token keyword = tokens.get(next - 1);
        return equality(keyword, () -> {
            Token value = take("an address after '" + keyword.text() + "', such as 10.0.0.0/8, [::1]:22 or :80");
            if (PathMatch.isPath(value.text())) {
                return PathMatch.of(end, value.text());
            }
            return HostSpec.parse(value.text(), text -> portNumber(value, text), name -> addresses(value, name),
                    reason -> error(value, reason)).at(end);
        });
    }

    private List<InetAddress> addresses(Token token, String name) {
        try {
            return lookups.addresses(name);
        } catch (IllegalArgumentException e) {
            throw error(token, e.getMessage());
        }
    }

    /** A port number or service name; empty for {@code *}. */
    private OptionalInt portNumber(Token token, String text) {
        if (text.equals("*")) {
            return OptionalInt.empty();
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
            if (port > 65535) {
                throw error(token, "port " + text + " is not in 0-65535");
            }
            return OptionalInt.of(port);
        }
        if (text.isEmpty()) {
            throw error(token, "expected a port number or service name after ':'");
        }
        try {
            OptionalInt named = lookups.port(text);
            if (named.isEmpty()) {
                throw error(token, "no service named '" + text + "' (give a port number, or a name from /etc/services)");
            }
            return named;
        } catch (FilterSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(token, e.getMessage());
        }
    }

    private Filter pid(Token t) {
        return new FactMatch.Pid(positiveNumber(t, "a process id"));
    }

    private Filter user(Token t) {
        if (t.text().chars().allMatch(Character::isDigit)) {
            return new UserMatch(positiveNumber(t, "a uid"));
        }
        return new UserMatch(lookups.uid(t.text()).orElseThrow(() -> error(t, "no user named '" + t.text() + "'")));
    }

    private Filter portClass(Token t) {
        return switch (t.text().toLowerCase(Locale.ROOT)) {
            case "system" -> new FactMatch.ServiceClass(PortClass.SYSTEM);
            case "user" -> new FactMatch.ServiceClass(PortClass.USER);
            case "dynamic", "private", "ephemeral" -> new FactMatch.ServiceClass(PortClass.DYNAMIC);
            default -> throw error(t, "class is system (0-1023), user (1024-49151) or dynamic (49152-65535), not '" + t.text() + "'");
        };
    }

    private Filter direction(Token t) {
        return switch (t.text().toLowerCase(Locale.ROOT)) {
            case "in" -> new FactMatch.Way(Direction.IN);
            case "out" -> new FactMatch.Way(Direction.OUT);
            default -> throw error(t, "dir is in or out, not '" + t.text() + "'");
        };
    }

    private int positiveNumber(Token t, String what) {
        if (t.text().isEmpty() || t.text().length() > 10 || !t.text().chars().allMatch(Character::isDigit)) {
            throw error(t, "expected " + what + ", a number, not '" + t.text() + "'");
        }
        long n = Long.parseLong(t.text());
        if (n > Integer.MAX_VALUE) {
            throw error(t, t.text() + " is too large for " + what);
        }
        return (int) n;
    }

    private boolean peekIs(String... words) {
        return next < tokens.size() && tokens.get(next).is(words);
    }

    private Token take() {
        return tokens.get(next++);
    }

    /** The next token; at the end, an error saying what was expected there. */
    private Token take(String expected) {
        if (next == tokens.size()) {
            throw new FilterSyntaxException("expected " + expected + " at the end", expression, expression.length(), 1);
        }
        return tokens.get(next++);
    }

    private FilterSyntaxException error(Token t, String reason) {
        return new FilterSyntaxException(reason, expression, t.start(), t.text().length());
    }

    /** Words split at blanks, with parentheses split off wherever they are attached (ss needs blanks around them). */
    private static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), i++));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(expression.charAt(i)) && expression.charAt(i) != '(' && expression.charAt(i) != ')') {
                    i++;
                }
                tokens.add(new Token(expression.substring(start, i), start));
            }
        }
        return tokens;
    }
}
