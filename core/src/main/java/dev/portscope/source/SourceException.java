package dev.portscope.source;

/** The socket source failed at run time: the kernel or the files behind it could not be read. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
