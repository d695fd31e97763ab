package io.syncline.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system commands of the chaos tests ({@code ip}, {@code kill}, scripts) with a bound on their time, so that
 * a hung command fails the test instead of hanging it. Never through a shell: arguments go as given.
 */
final class Commands {

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(List<String> command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        /** This result, or an exception that shows the command, its exit code and what it printed. */
        Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode + ": "
                        + output.strip());
            }
            return this;
        }
    }

    private Commands() {
    }

    /** Runs a command and fails unless it exits 0 within {@code timeout}. */
    static String run(Duration timeout, String... command) {
        return exec(timeout, Map.of(), List.of(command)).orThrow().output();
    }

    /** Runs a command with extra environment variables; the caller judges the exit code. */
    static Result exec(Duration timeout, Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
        // a thread of its own: the common pool has one thread on two cores, and a full pipe would stall the command
        FutureTask<String> output = new FutureTask<>(() -> readAll(process.getInputStream()));
        Thread reader = new Thread(output, "command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within "
                        + timeout.toSeconds() + " s");
            }
            return new Result(List.copyOf(command), process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a child the command left behind may hold its output open: the command itself has ended
            return new Result(List.copyOf(command), process.exitValue(), "(output not read: " + e + ")");
        }
    }

    /** The executable of a command, looked up on PATH and in the sbin directories root's tools live in. */
    static Path which(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new IllegalStateException("the chaos tests need '" + name + "' (iproute2 for ip, procps for kill),"
                + " and it is not on PATH nor in /usr/sbin or /sbin");
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output not read: " + e + ")";
        }
    }
}
