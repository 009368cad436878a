package dev.portscope.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of the kernel's network counters, as {@code netstat -s} and {@code ss -s} read them:
 * {@code Tcp}, {@code TcpExt}, {@code Ip6}, {@code TCP} (sockstat) ..., values in the kernel's order.
 *
 * @param file     the /proc/net file: sockstat, sockstat6, snmp, netstat or snmp6
 * @param name     the group's name in that file
 * @param counters counter name to value, in the file's order
 */
public record CounterGroup(String file, String name, Map<String, Long> counters) {
    public CounterGroup {
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }
}
