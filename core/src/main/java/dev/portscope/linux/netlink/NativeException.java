package dev.portscope.linux.netlink;

import dev.portscope.source.SourceException;

/** A libc call failed; carries errno and its name. */
public final class NativeException extends SourceException {
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENOENT = 2;
    static final int EPERM = 1;
    static final int EINVAL = 22;
    static final int ENOBUFS = 105;
    static final int EPROTONOSUPPORT = 93;
    static final int EAFNOSUPPORT = 97;

    private final int errno;

    NativeException(String call, int errno) {
        super(call + " failed: " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The errno's symbolic name and meaning, e.g. {@code EACCES (permission denied)}. */
    static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no such entry: is the kernel's diag module for this protocol loaded?)";
            case EINTR -> "EINTR (interrupted)";
            case EAGAIN -> "EAGAIN (try again)";
            case EACCES -> "EACCES (permission denied)";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT (protocol not supported by this kernel)";
            case EAFNOSUPPORT -> "EAFNOSUPPORT (address family not supported)";
            case ENOBUFS -> "ENOBUFS (the kernel ran out of buffer space)";
            default -> "errno " + errno;
        };
    }
}
