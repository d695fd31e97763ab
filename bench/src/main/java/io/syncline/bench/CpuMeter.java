package io.syncline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the cores went during a phase: CPU seconds of this JVM (node, models, clients) and of the local Cassandra
 * (found by its main class among this machine's processes; none when Cassandra runs elsewhere), against the wall
 * time the phase took. Read from /proc, so it works on Linux only and says so elsewhere.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

    private final long startedNanos = System.nanoTime();
    private final double startedSelf = selfSeconds();
    private final double startedCassandra = cassandraSeconds();

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** For example "24.7 s wall; CPU: this JVM 38.1 s, Cassandra 8.9 s (of 49.4 core-seconds)". */
    String report() {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        double self = selfSeconds() - startedSelf;
        double cassandra = cassandraSeconds() - startedCassandra;
        return String.format(Locale.ROOT, "%.1f s wall; CPU: this JVM %.1f s, Cassandra %s (of %.1f core-seconds)",
                wall, self, Double.isNaN(cassandra) ? "not local" : String.format(Locale.ROOT, "%.1f s", cassandra),
                wall * Runtime.getRuntime().availableProcessors());
    }

    private static double selfSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
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
