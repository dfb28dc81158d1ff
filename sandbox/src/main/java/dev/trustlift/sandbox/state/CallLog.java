package dev.trustlift.sandbox.state;

import java.util.ArrayList;
import java.util.List;

/** The last calls the sandbox answered (a ring, so a long benchmark cannot exhaust memory). */
public final class CallLog {
    /** One answered call. */
    public record Call(String time, String method, String path, String query, int status, boolean authorization,
                       String requestId) {
    }

    private final Call[] ring;
    private long count;

    public CallLog(int capacity) {
        this.ring = new Call[capacity];
    }

    public synchronized void add(Call call) {
        ring[(int) (count % ring.length)] = call;
        count++;
    }

    /** Total calls since start or reset, including those that fell out of the ring. */
    public synchronized long total() {
        return count;
    }

    public synchronized List<Call> recent() {
        List<Call> out = new ArrayList<>();
        long first = Math.max(0, count - ring.length);
        for (long i = first; i < count; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        count = 0;
    }
}
