package dev.portscope.linux.proc;

import java.util.List;

/**
 * The sockets of a /proc table and how many of its lines could not be read.
 *
 * @param sockets   in the table's order
 * @param malformed lines that were neither the header nor a socket
 */
public record ParsedTable<T>(List<T> sockets, int malformed) {
}
