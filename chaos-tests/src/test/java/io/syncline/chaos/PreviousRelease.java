package io.syncline.chaos;

import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The previous release of the node, built from its commit (previous-release.properties) in a git worktree of the
 * repository the tests run in, so that chaos nodes can run it. The build runs once per test JVM, in the background
 * from the start of the run ({@link PreviousReleaseBuildStarter}), at a low CPU priority beside the scenarios that
 * run meanwhile. Everything it makes stays in a run directory of its own: it caches nothing elsewhere and installs
 * nothing into the local Maven repository ({@code package}, never {@code install}). The worktree is removed when the
 * run ends; the leftovers of a run that was killed are swept before the next build.
 */
final class PreviousRelease implements AutoCloseable {

    /** The release, as previous-release.properties names it. */
    record Release(String commit, String tag, String version) {

        static Release load() {
            Properties properties = new Properties();
            try (InputStream in = PreviousRelease.class.getResourceAsStream("/previous-release.properties")) {
                if (in == null) {
                    throw new IllegalStateException("previous-release.properties is not on the test class path");
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Release(properties.getProperty("commit"), properties.getProperty("tag"),
                    properties.getProperty("version"));
        }
    }

    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final String WORKTREE = "worktree";
    private static PreviousRelease shared;

    private final Release release;
    private final Path repository;
    private final Path worktree;
    private final Path buildLog;
    private final Timings timings;
    private final CompletableFuture<NodeBuild> build = new CompletableFuture<>();
    private volatile Process maven;

    /** A build of {@code release} from {@code repository} into {@code run}; {@link #start} starts it. */
    PreviousRelease(Release release, Path repository, Path run) {
        this.release = release;
        this.repository = repository;
        this.worktree = run.resolve(WORKTREE);
        this.buildLog = run.resolve("build.log");
        this.timings = new Timings("previous release " + release.tag() + " timings:");
    }

    /** Starts the build in a thread of its own; {@link #awaitBuild} waits for it. */
    PreviousRelease start() {
        Thread thread = new Thread(() -> {
            try {
                build.complete(buildIt());
            } catch (RuntimeException | AssertionError e) {
                build.completeExceptionally(e);
            }
        }, "previous-release-build");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The build of this test JVM, started now unless {@link #startEarly} started it. */
    static synchronized PreviousRelease shared() {
        if (shared == null) {
            shared = new PreviousRelease(Release.load(), ChaosRuns.checkout(),
                    ChaosRuns.newRun(PreviousRelease.class)).start();
        }
        return shared;
    }

    /** Starts the build in the background, so that it is done by the time a test needs it. */
    static void startEarly() {
        shared();
    }

    /** Removes the worktree of this JVM's build, if one was started. */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    Release release() {
        return release;
    }

    /** The built release; waits for the build at most {@code max}, and fails with its log's end if it failed. */
    NodeBuild awaitBuild(Duration max) {
        Instant begin = Instant.now();
        try {
            return build.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the build of the previous release " + release.tag() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the build of the previous release " + release.tag() + " did not end within "
                    + max.toSeconds() + " s\n" + ChaosRuns.tail(buildLog, 40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            timings.record("a test waited for it", Duration.between(begin, Instant.now()));
        }
    }

    Timings timings() {
        return timings;
    }

    private NodeBuild buildIt() {
        requireCommit();
        timings.time("sweep of earlier worktrees", this::sweep);
        timings.time("git worktree add", () -> git("worktree", "add", "--detach", worktree.toString(),
                release.commit()));
        timings.time("mvn package -pl cluster -am", this::runMaven);
        Path jar = worktree.resolve("cluster/target/syncline-cluster.jar");
        String built = versionIn(jar);
        if (!built.equals(release.version())) {
            throw new IllegalStateException(jar + " says it is version " + built + ", previous-release.properties "
                    + release.version());
        }
        return new NodeBuild("previous release " + release.tag(), built,
                jar + java.io.File.pathSeparator + worktree.resolve("cluster/target/lib") + "/*");
    }

    /** Fails with what to run when the commit is missing, as in a shallow clone, or the tag names another one. */
    private void requireCommit() {
        Commands.Result found = Commands.exec(GIT_TIMEOUT, Map.of(), List.of(git(), "-C", repository.toString(),
                "cat-file", "-e", release.commit() + "^{commit}"));
        if (!found.ok()) {
            boolean shallow = git("rev-parse", "--is-shallow-repository").strip().equals("true");
            throw new IllegalStateException("the previous release " + release.tag() + " (commit " + release.commit()
                    + ") is not in the repository at " + repository + (shallow ? ", a shallow clone" : "")
                    + ": run `git -C " + repository + " fetch " + (shallow ? "--unshallow " : "")
                    + "origin tag " + release.tag() + "` and run the tests again");
        }
        Commands.Result tag = Commands.exec(GIT_TIMEOUT, Map.of(), List.of(git(), "-C", repository.toString(),
                "rev-parse", "-q", "--verify", release.tag() + "^{commit}"));
        if (tag.ok() && !tag.output().strip().equals(release.commit())) {
            throw new IllegalStateException("previous-release.properties names commit " + release.commit() + " as "
                    + release.tag() + ", but " + release.tag() + " is " + tag.output().strip() + " in " + repository);
        }
    }

    /**
     * Removes the worktrees of earlier runs (registered under the runs' directory, or left as plain directories
     * after their registration was pruned), then prunes registrations whose directory is gone.
     */
    private void sweep() {
        Path runs = ChaosRuns.root();
        for (String line : git("worktree", "list", "--porcelain").lines().toList()) {
            if (line.startsWith("worktree ")) {
                Path path = Path.of(line.substring("worktree ".length()));
                if (path.startsWith(runs) && !path.equals(worktree)) {
                    git("worktree", "remove", "--force", path.toString());
                }
            }
        }
        try (Stream<Path> old = Files.list(runs)) {
            for (Path dir : old.filter(p -> p.getFileName().toString().startsWith("PreviousRelease-"))
                    .map(p -> p.resolve(WORKTREE)).filter(Files::isDirectory).toList()) {
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep " + runs, e);
        }
        git("worktree", "prune");
    }

    private void runMaven() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "15"));
        }
        command.addAll(List.of(maven(), "-B", "-o", "-q", "-DskipTests", "package", "-pl", "cluster", "-am"));
        String repositoryLocal = System.getProperty("syncline.maven.repo.local", "");
        if (!repositoryLocal.isBlank()) {
            command.add("-Dmaven.repo.local=" + repositoryLocal);
        }
        try {
            Files.writeString(buildLog, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            maven = new ProcessBuilder(command).directory(worktree.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(buildLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!maven.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                maven.destroyForcibly();
                throw new IllegalStateException("mvn package did not end within " + BUILD_TIMEOUT.toMinutes()
                        + " min\n" + ChaosRuns.tail(buildLog, 40));
            }
            if (maven.exitValue() != 0) {
                throw new IllegalStateException("mvn package exited with " + maven.exitValue() + " in " + worktree
                        + "\n" + ChaosRuns.tail(buildLog, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            maven.destroyForcibly();
            throw new IllegalStateException("interrupted while building the previous release", e);
        }
    }

    /** The Maven that runs this build (failsafe passes its home), else the one on PATH. */
    private static String maven() {
        String home = System.getProperty("syncline.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : Commands.which("mvn").toString();
    }

    private static String versionIn(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("version.conf");
            if (entry == null) {
                throw new IllegalStateException(jar + " has no version.conf");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return ConfigFactory.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .getString("syncline.version");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private String git(String... args) {
        List<String> command = new ArrayList<>(List.of(git(), "-C", repository.toString()));
        command.addAll(List.of(args));
        return Commands.exec(GIT_TIMEOUT, Map.of(), command).orThrow().output();
    }

    private static String git() {
        return Commands.which("git").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Stops a build still running and removes the worktree; the run directory keeps the build's log. */
    @Override
    public void close() {
        Process running = maven;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
        }
        Instant begin = Instant.now();
        if (Files.exists(worktree)) {
            git("worktree", "remove", "--force", worktree.toString());
        }
        git("worktree", "prune");
        timings.record("git worktree remove", Duration.between(begin, Instant.now()));
        System.out.println(timings);
    }
}
