package dev.portscope.linux.ffm;

/** A libc call failed; carries errno and its name. Callers decide what the failure means to them. */
public final class NativeException extends RuntimeException {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENOBUFS = 105;

    private final int errno;

    /** {@code call} failed with {@code errno}; public for fakes of the channels built on these calls. */
    public NativeException(String call, int errno) {
        super(call + " failed: " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The errno's symbolic name and meaning, e.g. {@code EACCES (permission denied)}. */
    public static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no such entry: is the kernel's diag module for this protocol loaded?)";
            case EINTR -> "EINTR (interrupted)";
            case EAGAIN -> "EAGAIN (try again)";
            case EACCES -> "EACCES (permission denied)";
            case EINVAL -> "EINVAL (invalid argument)";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT (protocol not supported by this kernel)";
            case EAFNOSUPPORT -> "EAFNOSUPPORT (address family not supported)";
            case ENOBUFS -> "ENOBUFS (the kernel ran out of buffer space)";
            default -> "errno " + errno;
        };
    }
}
