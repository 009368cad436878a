package dev.portscope.linux.netlink;

import dev.portscope.model.NatRedirect;
import dev.portscope.model.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DNAT rules of a ruleset dump captured from this kernel (nft/rules.bin: NFT_MSG_GETRULE's
 * answer in a namespace holding nft/rules.nft, made with nft 1.0.6 and iptables-nft 1.8.9).
 */
class NatRulesTest {
    private static byte[] fixture() throws IOException {
        try (InputStream in = NatRulesTest.class.getResourceAsStream("/nft/rules.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyDnatRuleOfTheCapturedRulesetIsRead() throws IOException {
        byte[] dump = fixture();
        List<NatRedirect> rules = new ArrayList<>();
        assertEquals(Optional.of(0), NatRules.parse(dump, dump.length, rules), "the dump ends with NLMSG_DONE");
        assertEquals(List.of(
                new NatRedirect(Protocol.TCP, 8080, Optional.empty(), InetAddress.getByName("10.200.0.2"), OptionalInt.of(80), "ip nat", "prerouting"),
                new NatRedirect(Protocol.UDP, 5353, Optional.empty(), InetAddress.getByName("10.200.0.3"), OptionalInt.empty(), "ip nat", "prerouting"),
                new NatRedirect(Protocol.TCP, 2222, Optional.of(InetAddress.getByName("10.9.9.9")), InetAddress.getByName("10.200.0.4"),
                        OptionalInt.of(22), "ip nat", "prerouting"),
                new NatRedirect(Protocol.TCP, 9090, Optional.empty(), InetAddress.getByName("172.17.0.2"), OptionalInt.of(80), "ip nat", "DOCKER"),
                new NatRedirect(Protocol.TCP, 8443, Optional.empty(), InetAddress.getByName("fd00::2"), OptionalInt.of(443), "ip6 nat6", "prerouting")),
                rules);
    }

    @Test
    void aCutDumpIsNotTheEnd() throws IOException {
        byte[] dump = fixture();
        int firstMessage = (int) InetDiag.U32.get(dump, 0);
        List<NatRedirect> rules = new ArrayList<>();
        assertEquals(Optional.empty(), NatRules.parse(dump, firstMessage, rules), "more chunks follow");
    }
}
