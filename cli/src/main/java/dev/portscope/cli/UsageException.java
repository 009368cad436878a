package dev.portscope.cli;

/** A request portscope cannot make sense of; its message says what to type instead. Exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
