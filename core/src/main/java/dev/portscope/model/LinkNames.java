package dev.portscope.model;

import java.util.Map;
import java.util.Optional;

/**
 * The names iproute2 gives link-layer protocols ({@code ETH_P_*} of {@code linux/if_ether.h}, as
 * {@code ss -0} prints a packet socket's protocol) and netlink families ({@code NETLINK_*} of
 * {@code linux/netlink.h}, as {@code ss --netlink} prints them).
 */
public final class LinkNames {
    private static final Map<Integer, String> ETHERTYPES = Map.ofEntries(
            Map.entry(0x0060, "loop"), Map.entry(0x0200, "pup"), Map.entry(0x0201, "pupat"), Map.entry(0x0800, "ip"),
            Map.entry(0x0805, "x25"), Map.entry(0x0806, "arp"), Map.entry(0x08FF, "bpq"), Map.entry(0x0a00, "ieeepup"),
            Map.entry(0x0a01, "ieeepupat"), Map.entry(0x6000, "dec"), Map.entry(0x6001, "dna_dl"), Map.entry(0x6002, "dna_rc"),
            Map.entry(0x6003, "dna_rt"), Map.entry(0x6004, "lat"), Map.entry(0x6005, "diag"), Map.entry(0x6006, "cust"),
            Map.entry(0x6007, "sca"), Map.entry(0x8035, "rarp"), Map.entry(0x809B, "atalk"), Map.entry(0x80F3, "aarp"),
            Map.entry(0x8137, "ipx"), Map.entry(0x86DD, "ipv6"), Map.entry(0x8863, "ppp_disc"), Map.entry(0x8864, "ppp_ses"),
            Map.entry(0x884c, "atmmpoa"), Map.entry(0x8884, "atmfate"), Map.entry(0x0001, "802_3"), Map.entry(0x0002, "ax25"),
            Map.entry(0x0003, "all"), Map.entry(0x0004, "802_2"), Map.entry(0x0005, "snap"), Map.entry(0x0006, "ddcmp"),
            Map.entry(0x0007, "wan_ppp"), Map.entry(0x0008, "ppp_mp"), Map.entry(0x0009, "localtalk"), Map.entry(0x000C, "can"),
            Map.entry(0x0010, "ppptalk"), Map.entry(0x0011, "tr_802_2"), Map.entry(0x0015, "mobitex"), Map.entry(0x0016, "control"),
            Map.entry(0x0017, "irda"), Map.entry(0x0018, "econet"), Map.entry(0x88CA, "tipc"), Map.entry(0x8892, "profinet"),
            Map.entry(0x88A2, "aoe"), Map.entry(0x88A4, "ethercat"), Map.entry(0x8100, "802.1Q"), Map.entry(0x88A8, "802.1ad"),
            Map.entry(0x8847, "mpls_uc"), Map.entry(0x8848, "mpls_mc"), Map.entry(0x6558, "teb"), Map.entry(0x8902, "cfm"),
            Map.entry(0x88cc, "LLDP"));
    private static final String[] NETLINK = new String[24];

    static {
        NETLINK[0] = "rtnl";
        NETLINK[1] = "unused";
        NETLINK[2] = "usersock";
        NETLINK[3] = "fw";
        NETLINK[4] = "tcpdiag";
        NETLINK[5] = "nflog";
        NETLINK[6] = "xfrm";
        NETLINK[7] = "selinux";
        NETLINK[8] = "iscsi";
        NETLINK[9] = "audit";
        NETLINK[10] = "fiblookup";
        NETLINK[11] = "connector";
        NETLINK[12] = "nft";
        NETLINK[13] = "ip6fw";
        NETLINK[14] = "dec-rt";
        NETLINK[15] = "uevent";
        NETLINK[16] = "genl";
        NETLINK[18] = "scsi-trans";
        NETLINK[19] = "ecryptfs";
        NETLINK[20] = "rdma";
        NETLINK[21] = "crypto";
    }

    private LinkNames() {
    }

    /** iproute2's name of an Ethernet protocol ({@code ip}, {@code arp}, {@code ipv6}, {@code all} ...), host order. */
    public static Optional<String> ethertype(int protocol) {
        return Optional.ofNullable(ETHERTYPES.get(protocol));
    }

    /** iproute2's name of a netlink family ({@code rtnl}, {@code tcpdiag}, {@code uevent}, {@code genl} ...). */
    public static Optional<String> netlinkProtocol(int protocol) {
        return protocol >= 0 && protocol < NETLINK.length ? Optional.ofNullable(NETLINK[protocol]) : Optional.empty();
    }
}
