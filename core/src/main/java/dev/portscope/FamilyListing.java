package dev.portscope;

import dev.portscope.model.KernelSocket;
import dev.portscope.model.Netns;

import java.util.List;

/**
 * The sockets of one family beside inet (UNIX, packet, netlink) as one read found them, in a
 * deterministic order, with what is worth telling about the read. Owners come from
 * {@link Portscope#owners()}, by inode, as for any socket.
 *
 * @param sockets    the sockets, ordered as {@link Portscope#unixSockets}, {@link Portscope#packetSockets},
 *                   {@link Portscope#netlinkSockets} say
 * @param notes      what the user should know (a fallback taken, a namespace not read)
 * @param source     which source answered: {@code netlink}, {@code procfs}, or both across namespaces
 * @param namespaces the namespaces read, when the facade reads named or all namespaces
 */
public record FamilyListing<T extends KernelSocket>(List<T> sockets, List<String> notes, String source, List<Netns> namespaces) {
    public FamilyListing {
        sockets = List.copyOf(sockets);
        notes = List.copyOf(notes);
        namespaces = List.copyOf(namespaces);
    }
}
