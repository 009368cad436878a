package dev.portscope.cli.render;

import dev.portscope.model.LinkNames;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.Netns;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.UnixSocket;

import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The JSON objects of the families beside inet (README.md, "JSON output"): {@code protocol}
 * ({@code unix}, {@code packet}, {@code netlink}) first, then the family's own fields, then
 * {@code recvQ}, {@code sendQ}, {@code inode}, and with -p {@code owners} (UNIX: also
 * {@code peerOwners}), with -N {@code netns}. Every field is always present; unknown is null.
 *
 * @param owners     -p
 * @param namespaces -N / --all-netns
 * @param unixByInode the UNIX sockets of the read by inode, to name a peer's path and owners
 */
public record FamilyJson(Optional<OwnerJson> owners, Optional<Map<Long, Netns>> namespaces, LongFunction<Optional<UnixSocket>> unixByInode) {

    /** {@code {"protocol":"unix","type","state","path","inode","peerInode","peerPath","recvQ","sendQ","uid","pending"}}. */
    public void unix(Json json, UnixSocket s) {
        json.beginObject().name("protocol").value("unix").name("type").value(s.type().name().toLowerCase(java.util.Locale.ROOT))
                .name("state").value(s.state().netstatName()).name("path");
        s.name().ifPresentOrElse(json::value, json::nullValue);
        json.name("abstract").value(s.isAbstract()).name("inode").value(s.inode()).name("peerInode").value(s.peer()).name("peerPath");
        Optional<UnixSocket> peer = s.peer() == 0 ? Optional.empty() : unixByInode.apply(s.peer());
        peer.flatMap(UnixSocket::name).ifPresentOrElse(json::value, json::nullValue);
        json.name("recvQ").value(s.recvQ()).name("sendQ").value(s.sendQ()).name("uid");
        s.uid().ifPresentOrElse(json::value, json::nullValue);
        json.name("pending").beginArray();
        s.pending().forEach(json::value);
        json.endArray();
        s.memory().ifPresent(m -> SocketJson.fields(json.name("memory"), m)); // -m, as the TCP and UDP listing writes it
        owners.ifPresent(o -> {
            o.write(json, "owners", s);
            if (peer.isPresent()) {
                o.write(json, "peerOwners", peer.get());
            } else {
                json.name("peerOwners").nullValue();
            }
        });
        end(json, s.netns());
    }

    /** {@code {"protocol":"packet","type","state","ethertype","ethertypeName","allProtocols","interface","interfaceIndex","promiscuous",...}}. */
    public void packet(Json json, PacketSocket s) {
        json.beginObject().name("protocol").value("packet").name("type").value(s.type().name().toLowerCase(java.util.Locale.ROOT))
                .name("state").value(s.state().netstatName()).name("ethertype").value(s.protocol()).name("ethertypeName");
        LinkNames.ethertype(s.protocol()).ifPresentOrElse(json::value, json::nullValue);
        json.name("allProtocols").value(s.allProtocols()).name("interface");
        s.interfaceName().filter(n -> s.interfaceIndex() != 0).ifPresentOrElse(json::value, json::nullValue);
        json.name("interfaceIndex").value(s.interfaceIndex()).name("promiscuous");
        s.promiscuous().ifPresentOrElse(json::value, json::nullValue);
        json.name("recvQ").value(s.recvQ()).name("sendQ").value(s.sendQ()).name("uid").value(s.uid()).name("inode").value(s.inode());
        owners.ifPresent(o -> o.write(json, "owners", s));
        end(json, s.netns());
    }

    /** {@code {"protocol":"netlink","netlinkProtocol","netlinkProtocolName","portId","groups","peer",...}}. */
    public void netlink(Json json, NetlinkSocket s) {
        json.beginObject().name("protocol").value("netlink").name("state").value(s.state().netstatName())
                .name("netlinkProtocol").value(s.protocol()).name("netlinkProtocolName");
        LinkNames.netlinkProtocol(s.protocol()).ifPresentOrElse(json::value, json::nullValue);
        json.name("portId").value(s.portId()).name("groups").value(s.groups()).name("peer");
        if (s.connected()) {
            json.beginObject().name("portId").value(s.dstPortId()).name("group").value(s.dstGroup()).endObject();
        } else {
            json.nullValue();
        }
        json.name("recvQ").value(s.recvQ()).name("sendQ").value(s.sendQ()).name("inode").value(s.inode());
        owners.ifPresent(o -> o.write(json, "owners", s));
        end(json, s.netns());
    }

    private void end(Json json, long netns) {
        namespaces.ifPresent(n -> SocketJson.netns(json, netns, n));
        json.endObject();
    }
}
