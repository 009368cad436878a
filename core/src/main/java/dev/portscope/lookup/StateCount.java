package dev.portscope.lookup;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.TcpState;

/** How many sockets of one protocol and family are in one state ({@code ss -s}). */
public record StateCount(Protocol protocol, Family family, TcpState state, long count) {

    /** The sum of two counts of the same key. */
    public StateCount plus(StateCount other) {
        return new StateCount(protocol, family, state, count + other.count);
    }
}
