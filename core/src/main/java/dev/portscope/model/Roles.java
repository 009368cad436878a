package dev.portscope.model;

/**
 * The two ends of a connected socket by role: the service end (the port someone listens on) and
 * the client end (usually an ephemeral port handed out by the client's host).
 *
 * @param direction       {@link Direction#IN} when the service end is local
 * @param service         the service end
 * @param client          the client end
 * @param clientEphemeral whether the client's port lies in this host's ephemeral range (for an
 *                        inbound connection from another host, a guess from our own range)
 */
public record Roles(Direction direction, Endpoint service, Endpoint client, boolean clientEphemeral) {
}
