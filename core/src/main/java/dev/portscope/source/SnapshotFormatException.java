package dev.portscope.source;

/** The files given as a proc root or snapshot are not what they claim to be: a usage error. */
public class SnapshotFormatException extends SourceException {
    public SnapshotFormatException(String message) {
        super(message);
    }
}
