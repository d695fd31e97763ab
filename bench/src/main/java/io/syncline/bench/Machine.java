package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a figure was measured on, printed first by every benchmark. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%d cores, %.0f GiB, Java %s, %s %s", Runtime.getRuntime().availableProcessors(),
                memoryGiB(), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    private static double memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
