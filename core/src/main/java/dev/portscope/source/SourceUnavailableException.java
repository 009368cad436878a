package dev.portscope.source;

/** A source cannot be used on this machine at all (so another may be tried); the message says why. */
public class SourceUnavailableException extends SourceException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
