/**
 * portscope-core: the sockets the Linux kernel knows, as immutable records, and the answers built
 * on them (owners, directions, pairs, counts, names, port explanations). Start at
 * {@link dev.portscope.Portscope}. No runtime dependencies; netlink and the descriptor scan use
 * java.lang.foreign, so run with {@code --enable-native-access=dev.portscope.core} (without it,
 * portscope reads /proc instead).
 */
module dev.portscope.core {
    exports dev.portscope;
    exports dev.portscope.filter;
    exports dev.portscope.lookup;
    exports dev.portscope.model;
    exports dev.portscope.registry;
    exports dev.portscope.source;
}
