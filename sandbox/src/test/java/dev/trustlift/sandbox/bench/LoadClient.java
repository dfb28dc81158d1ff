package dev.trustlift.sandbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small closed-loop load generator for bench/sandbox-load.sh (JDK only, so it also runs with
 * `java LoadClient.java`): N threads each GET a random VM of the sandbox in a loop for a fixed
 * time, then it prints requests/s and latency percentiles. Loopback only.
 *
 * Usage: LoadClient ENDPOINT THREADS SECONDS [PATH_SUFFIX]
 */
public final class LoadClient {
    private static final Pattern VM_ID = Pattern.compile("\"id\":\"(/subscriptions/[^\"]+/virtualMachines/[^\"]+)\"");

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0].endsWith("/") ? args[0].substring(0, args[0].length() - 1) : args[0];
        if (!endpoint.startsWith("http://127.0.0.1:") && !endpoint.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("LoadClient only targets loopback, not " + endpoint);
        }
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String suffix = args.length > 3 ? args[3] : "";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String state = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/_sandbox/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher m = VM_ID.matcher(state);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the sandbox lists no VMs");
        }
        System.out.printf("load: %d VMs, %d threads, %d s, GET {vm}%s%n", ids.size(), threads, seconds, suffix);
        warmUp(http, endpoint, ids, suffix, threads, 3);
        long[][] perThread = new long[threads][];
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int index = t;
            workers[t] = new Thread(() -> perThread[index] = loop(http, endpoint, ids, suffix, deadline, errors));
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] all = Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("requests: %d in %.1f s = %.0f requests/s, errors %d%n", all.length, elapsed, all.length / elapsed,
                errors.get());
        System.out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(all, 50), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static void warmUp(HttpClient http, String endpoint, List<String> ids, String suffix, int threads, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] ws = new Thread[threads];
        AtomicLong errors = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            ws[t] = new Thread(() -> loop(http, endpoint, ids, suffix, deadline, errors));
            ws[t].start();
        }
        for (Thread w : ws) {
            w.join();
        }
    }

    private static long[] loop(HttpClient http, String endpoint, List<String> ids, String suffix, long deadline,
                               AtomicLong errors) {
        long[] lat = new long[1 << 16];
        int n = 0;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            String id = ids.get(r.nextInt(ids.size()));
            HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + id + suffix + (suffix.contains("?") ? "&" : "?")
                    + "api-version=2024-11-01")).header("Authorization", "Bearer bench").build();
            long s = System.nanoTime();
            try {
                HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            if (n == lat.length) {
                lat = Arrays.copyOf(lat, n * 2);
            }
            lat[n++] = System.nanoTime() - s;
        }
        return Arrays.copyOf(lat, n);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
