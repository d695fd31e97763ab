package io.syncline.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * C clients that each send one request, wait for its answer and send the next, until a fixed number of requests has
 * been answered: the load of C users, and latencies that include any queueing their load causes.
 */
final class ClosedLoop {

    /** One request, by its index in the run; throws if the answer is wrong. */
    interface Call {
        void send(int index) throws Exception;
    }

    /** The latency of each request of one run, and how long the run took. */
    record Run(long[] nanos, double seconds) {
    }

    /** The latencies of one or more runs, in milliseconds, and the rate they achieved. */
    record Latencies(double p50, double p95, double p99, double max, double qps) {

        static Latencies of(List<Run> runs) {
            long[] nanos = runs.stream().flatMapToLong(run -> Arrays.stream(run.nanos())).sorted().toArray();
            double seconds = runs.stream().mapToDouble(Run::seconds).sum();
            return new Latencies(millis(nanos, 0.50), millis(nanos, 0.95), millis(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6, nanos.length / seconds);
        }

        String summary() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %.1f queries/s",
                    p50, p95, p99, max, qps);
        }

        /** The nearest-rank percentile. */
        private static double millis(long[] sorted, double quantile) {
            int rank = (int) Math.ceil(quantile * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    private ClosedLoop() {
    }

    static Run run(int clients, int requests, Call call) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            Future<?>[] running = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                running[c] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        call.send(i);
                        nanos[i] = System.nanoTime() - sent;
                    }
                    return null;
                });
            }
            for (Future<?> client : running) {
                client.get(); // rethrows the first failed request
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(nanos, (System.nanoTime() - started) / 1e9);
    }
}
