package dev.portscope.cli.render;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Standard output could not be written: a full disk, a closed descriptor, or a reader that went
 * away ({@code | head -1}). Thrown once, at the first failed write, so that the view stops there.
 */
public final class OutputFailedException extends UncheckedIOException {
    public OutputFailedException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the reader of a pipe went away (EPIPE): the end of the output, not a failure. */
    public boolean readerGone() {
        return "Broken pipe".equals(getCause().getMessage());
    }
}
