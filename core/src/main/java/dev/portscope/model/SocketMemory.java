package dev.portscope.model;

/**
 * A socket's memory accounting ({@code INET_DIAG_SKMEMINFO}, the {@code SK_MEMINFO_*} array), in
 * bytes except drops; what ss prints as {@code skmem:(r,rb,t,tb,f,w,o,bl,d)}.
 */
public record SocketMemory(long rmemAlloc, long rcvBuf, long wmemAlloc, long sndBuf, long fwdAlloc,
                           long wmemQueued, long optMem, long backlog, long drops) {
}
