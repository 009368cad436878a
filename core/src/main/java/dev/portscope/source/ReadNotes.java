package dev.portscope.source;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one read found worth saying, gathered while its stream is consumed: notes for the user
 * (malformed lines skipped) and details only {@code --debug} shows (a table read from /proc
 * instead, a filter program the kernel refused), each text once. One per read; safe to add to
 * from any thread.
 */
public final class ReadNotes {
    private final CopyOnWriteArrayList<String> notes = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> debugNotes = new CopyOnWriteArrayList<>();

    /** Empty notes for a new read. */
    public ReadNotes() {
    }

    /** Something the user should be told. */
    public void note(String text) {
        notes.addIfAbsent(text);
    }

    /** Something only {@code --debug} shows. */
    public void debug(String text) {
        debugNotes.addIfAbsent(text);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> debugNotes() {
        return List.copyOf(debugNotes);
    }
}
