package io.syncline.bench;

import io.syncline.embedding.Embedders;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the cores went during a phase: CPU seconds of this JVM (node, models, clients), the part of it its in-process
 * node spent in the embedding model (its threads that compute models, {@link Embedders#computesModels}), and of
 * the local Cassandra (found by its main class among this machine's processes; none when Cassandra runs elsewhere),
 * against the wall time the phase took. Read from /proc and the JVM's thread CPU clocks, so it works on Linux only
 * and says so elsewhere.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

    /**
     * @param model     CPU of the node's model threads, part of {@code jvm}
     * @param cassandra NaN when Cassandra is not local
     */
    record Usage(double wall, double jvm, double model, double cassandra) {

        /** The JVM's CPU beyond the model: the node's own work (and the benchmark's client, which is little). */
        double nodeOther() {
            return jvm - model;
        }

        /** For example "24.7 s wall; CPU: this JVM 38.1 s (model 30.2 s, other 7.9 s), Cassandra 8.9 s (of 49.4)". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f s wall; CPU: this JVM %.1f s (model %.1f s, other %.1f s),"
                            + " Cassandra %s (of %.1f core-seconds)", wall, jvm, model, nodeOther(),
                    Double.isNaN(cassandra) ? "not local" : String.format(Locale.ROOT, "%.1f s", cassandra),
                    wall * Runtime.getRuntime().availableProcessors());
        }
    }

    private final long startedNanos = System.nanoTime();
    private final double startedSelf = selfSeconds();
    private final Map<Long, ThreadCpu> startedThreads = threadNanos();
    private final double startedCassandra = cassandraSeconds();

    /** A live thread's name and CPU time. */
    private record ThreadCpu(String name, long nanos) {
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** What was used since the start; the meter goes on. */
    Usage used() {
        return new Usage((System.nanoTime() - startedNanos) / 1e9, selfSeconds() - startedSelf, modelSeconds(),
                cassandraSeconds() - startedCassandra);
    }

    private static double selfSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /**
     * The model threads' CPU since the start, thread by thread. A thread of the callers' dispatcher that idled long
     * enough ends (and a new one starts when needed); what an ended thread computed during the phase counts as the
     * rest of the node's, which is little: it had been idle for a minute.
     */
    private double modelSeconds() {
        return byThreadGroup().entrySet().stream().filter(group -> Embedders.computesModels(group.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * CPU seconds since the start by group of live threads (their names with the numbers taken out, so
     * "syncline-embed-3" counts as "syncline-embed-#"), the largest first, and the JVM's own threads (the JIT
     * compiler, the GC; no Java thread accounts for them) as "JVM (JIT, GC) and ended threads": where the node's
     * CPU beyond the model went.
     */
    Map<String, Double> byThreadGroup() {
        Map<String, Double> groups = new HashMap<>();
        double threads = 0;
        for (Map.Entry<Long, ThreadCpu> thread : threadNanos().entrySet()) {
            ThreadCpu started = startedThreads.get(thread.getKey());
            double seconds = Math.max(0, thread.getValue().nanos() - (started == null ? 0 : started.nanos())) / 1e9;
            groups.merge(thread.getValue().name().replaceAll("\\d+", "#"), seconds, Double::sum);
            threads += seconds;
        }
        groups.put("JVM (JIT, GC) and ended threads", Math.max(0, selfSeconds() - startedSelf - threads));
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(group -> sorted.put(group.getKey(), group.getValue()));
        return sorted;
    }

    /** For example "syncline-embed-# 20.1 s, JVM (JIT, GC) and ended threads 3.2 s, ...": the {@code n} largest. */
    String busiestThreads(int n) {
        return byThreadGroup().entrySet().stream().limit(n)
                .map(group -> String.format(Locale.ROOT, "%s %.1f s", group.getKey(), group.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The name and CPU time of each live thread, by thread id. */
    private static Map<Long, ThreadCpu> threadNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> nanos = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return nanos;
        }
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null) {
                long cpu = threads.getThreadCpuTime(thread.getThreadId());
                if (cpu >= 0) {
                    nanos.put(thread.getThreadId(), new ThreadCpu(thread.getThreadName(), cpu));
                }
            }
        }
        return nanos;
    }

    private static double cassandraSeconds() {
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            proc.forEach(processes::add);
        } catch (IOException e) {
            return Double.NaN;
        }
        double seconds = 0;
        boolean found = false;
        for (Path process : processes) {
            try {
                String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                if (command.contains("org.apache.cassandra.service.CassandraDaemon")) {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    found = true;
                }
            } catch (IOException | RuntimeException e) {
                // the process ended while we looked, or is not ours to read
            }
        }
        return found ? seconds : Double.NaN;
    }
}
