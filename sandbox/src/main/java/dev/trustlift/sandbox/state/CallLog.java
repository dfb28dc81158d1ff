package dev.trustlift.sandbox.state;

import java.util.ArrayList;
import java.util.List;

/** The last calls the sandbox answered (a ring, so a long benchmark cannot exhaust memory). */
public final class CallLog {
    /**
     * One answered call.
     *
     * @param signIn with {@code --tls} only, else null: for an ARM call {@code bearer:valid} or
     *        {@code bearer:<ARM error code>}; for a token request {@code token:issued client=<id> aud=<resource>}
     *        or {@code token:refused <AADSTS code> client=<id>} (never the secret)
     */
    public record Call(String time, String method, String path, String query, int status, boolean authorization,
                       String requestId, String signIn) {
        public Call(String time, String method, String path, String query, int status, boolean authorization,
                String requestId) {
            this(time, method, path, query, status, authorization, requestId, null);
        }
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
