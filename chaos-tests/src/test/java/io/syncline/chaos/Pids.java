package io.syncline.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Signals and liveness of processes by pid, read from /proc: a killed process whose parent has gone (Cassandra,
 * started in the background by its script) may stay a zombie until something reaps it, and counts as dead here.
 */
final class Pids {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private Pids() {
    }

    /** True while the process exists and is neither a zombie nor dead. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')' (comm may hold spaces and parentheses)
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** True while the process is stopped by a signal (SIGSTOP). */
    static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0) == 'T';
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends a signal ("KILL", "STOP", "CONT", "TERM") to a live process. */
    static void signal(long pid, String signal) {
        if (!alive(pid)) {
            throw new IllegalStateException("process " + pid + " is not alive: cannot send it SIG" + signal);
        }
        Commands.run(KILL_TIMEOUT, Commands.which("kill").toString(), "-" + signal, String.valueOf(pid));
    }

    /**
     * SIGSTOP, then waits until the kernel shows the process stopped: the signal takes effect on a process of many
     * threads a moment after kill returns.
     */
    static void stop(long pid, String what) {
        signal(pid, "STOP");
        Await.until(KILL_TIMEOUT, what + " (pid " + pid + ") stopped by SIGSTOP", () -> {
            if (!stopped(pid)) {
                throw new AssertionError("not stopped yet");
            }
            return null;
        });
    }

    /** SIGKILL, then waits until the process is gone. */
    static void kill(long pid, String what) {
        signal(pid, "KILL");
        Await.until(KILL_TIMEOUT, what + " (pid " + pid + ") gone after SIGKILL", () -> {
            if (alive(pid)) {
                throw new AssertionError("still alive");
            }
            return null;
        });
    }

    /** The process's command line, arguments split (empty once it is gone). */
    static java.util.List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return raw.isEmpty() ? java.util.List.of() : java.util.List.of(raw.split("\0"));
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** The peak and current resident set size in MiB, from /proc/PID/status ("VmHWM/VmRSS"), for reports. */
    static String memory(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:") || line.startsWith("VmRSS:"))
                    .map(line -> line.split("\\s+"))
                    .map(parts -> parts[0] + " " + Long.parseLong(parts[1]) / 1024 + " MiB")
                    .reduce((a, b) -> a + ", " + b).orElse("unknown");
        } catch (IOException e) {
            return "unknown (gone)";
        }
    }
}
