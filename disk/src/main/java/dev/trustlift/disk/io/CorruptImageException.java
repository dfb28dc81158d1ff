package dev.trustlift.disk.io;

import java.io.IOException;

/**
 * The image or one of its structures is damaged or not what it claims to be. The message is a
 * single line a person can act on (what, where, the values) and is shown as-is by the CLI.
 */
public class CorruptImageException extends IOException {
    public CorruptImageException(String message) {
        super(message);
    }
}
