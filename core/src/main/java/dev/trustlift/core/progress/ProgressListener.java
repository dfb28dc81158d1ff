package dev.trustlift.core.progress;

/**
 * Told each time a fleet run finishes one item (a VM assessed, a VM described), from whichever
 * worker thread finished it, so a front end can show progress or keep what is done so far.
 * Implementations must be thread-safe and quick; {@code done} counts up to {@code total}.
 */
@FunctionalInterface
public interface ProgressListener<T> {

    void completed(T item, int done, int total);

    static <T> ProgressListener<T> none() {
        return (item, done, total) -> { };
    }
}
