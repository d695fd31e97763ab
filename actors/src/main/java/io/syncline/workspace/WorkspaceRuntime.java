package io.syncline.workspace;

import io.syncline.sync.JobInput;
import io.syncline.workspace.journal.MigratedEndpoints;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a workspace entity has running besides its state: a sync runner per running job, cleanups, timers. After
 * every persisted change (and after recovery) {@link #reconcile} brings them in line with the state, which makes
 * every side effect idempotent: a job is never run twice at once, a cleanup never started twice.
 */
final class WorkspaceRuntime {

    private static final String IDLE_TIMER = "idle";

    private final ActorContext<WorkspaceCommand> context;
    private final TimerScheduler<WorkspaceCommand> timers;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final IndexWork work;
    private final WorkspaceSettings settings;
    private final Map<String, ActorRef<SyncRunner.Command>> runners = new HashMap<>();
    private final Set<String> cleanupsInFlight = new HashSet<>();
    private final Supplier<CompletionStage<Done>> purgeJournal;
    private int runnerCount;

    /** @param purgeJournal deletes this entity's journal */
    WorkspaceRuntime(ActorContext<WorkspaceCommand> context, TimerScheduler<WorkspaceCommand> timers,
                     ActorRef<ClusterSharding.ShardCommand> shard, IndexWork work, WorkspaceSettings settings,
                     Supplier<CompletionStage<Done>> purgeJournal) {
        this.context = context;
        this.timers = timers;
        this.shard = shard;
        this.work = work;
        this.settings = settings;
        this.purgeJournal = purgeJournal;
    }

    Logger log() {
        return context.getLog();
    }

    static String retryTimer(String jobId) {
        return "retry-" + jobId;
    }

    /**
     * Stops runners of jobs that no longer run, starts runners for running jobs that have none (unless only
     * cleanups are to be reconciled, a retry is pending, or a stopped runner of the same source has not ended
     * yet), starts cleanups, and passivates when idle.
     */
    void reconcile(WorkspaceState state, boolean startRunners) {
        if (!state.exists()) {
            passivateSoon(Duration.ZERO);
            return;
        }
        stopRunnersOfFinishedJobs(state);
        if (startRunners) {
            for (Job job : state.runningJobs()) {
                if (!runners.containsKey(job.id()) && !timers.isTimerActive(retryTimer(job.id()))
                        && runnersOf(state, other -> other.source().equals(job.source())).isEmpty()) {
                    startRunner(state, job);
                }
            }
        }
        startCleanups(state);
        startJournalPurge(state);
        if (state.idle()) {
            passivateSoon(settings.idleTimeout());
        } else {
            timers.cancel(IDLE_TIMER);
        }
    }

    /**
     * Forgets the runners and cleanups of the entity's previous incarnation. A journal failure restarts the entity
     * inside the same object (the behavior recovers again), and a restart stops its children: the notices of their
     * end may be lost with the failed incarnation, so after every recovery nothing of them is taken as running.
     */
    void recovered(WorkspaceState state) {
        runners.clear();
        cleanupsInFlight.clear();
        listMigratedEndpoints(state);
    }

    /**
     * Lists the endpoints of the workspace's configs that 0.1 wrote with a URL and a key's place of the workspace's
     * own ({@link MigratedEndpoints}), so that admins see them among the endpoints. A failure only delays that to
     * the entity's next start.
     */
    private void listMigratedEndpoints(WorkspaceState state) {
        Logger log = log(); // the context is the actor's alone: the listing completes on another thread
        Stream.of(state.config(), state.activeConfig()).filter(Objects::nonNull).distinct()
                .filter(settings -> MigratedEndpoints.isMigrated(settings.embedding().endpoint()))
                .forEach(settings -> {
                    String name = settings.embedding().endpoint();
                    work.listMigratedEndpoint(name, settings.toConfig().embedding()).whenComplete((done, error) -> {
                        if (error != null) {
                            log.warn("workspace {}: endpoint {} could not be listed among the endpoints, at its"
                                    + " next start again: {}", state.id(), name, error.toString());
                        }
                    });
                });
    }

    void runnerStopped(String jobId, ActorRef<SyncRunner.Command> runner) {
        runners.remove(jobId, runner);
    }

    void scheduleRetry(String jobId, int attempts) {
        timers.startSingleTimer(retryTimer(jobId), new WorkspaceCommand.RetryJob(jobId),
                settings.retryBackoff(attempts));
    }

    void scheduleRetryUnlessPending(String jobId, int attempts) {
        if (!timers.isTimerActive(retryTimer(jobId))) {
            scheduleRetry(jobId, attempts);
        }
    }

    void cleanupFinished(String cleanup) {
        cleanupsInFlight.remove(cleanup);
    }

    void scheduleCleanupRetry(String cleanup) {
        timers.startSingleTimer(cleanupTimer(cleanup), new WorkspaceCommand.RetryCleanup(cleanup),
                settings.cleanupRetry());
    }

    void passivate() {
        shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }

    private void passivateSoon(Duration after) {
        if (!timers.isTimerActive(IDLE_TIMER)) {
            timers.startSingleTimer(IDLE_TIMER, WorkspaceCommand.IdleCheck.INSTANCE, after);
        }
    }

    private void stopRunnersOfFinishedJobs(WorkspaceState state) {
        for (Map.Entry<String, ActorRef<SyncRunner.Command>> runner : new ArrayList<>(runners.entrySet())) {
            boolean running = state.job(runner.getKey()).map(j -> j.state() == JobState.RUNNING).orElse(false);
            if (!running) {
                // it stays among the runners until it has stopped, which it does once its writes have ended
                runner.getValue().tell(SyncRunner.Stop.INSTANCE);
            }
        }
    }

    private void startRunner(WorkspaceState state, Job job) {
        SourceState source = state.sources().get(job.source());
        // A job that has to run in full (its revision was lost) does, whatever mode was asked for.
        JobMode mode = job.effectiveMode() == JobMode.FULL ? JobMode.FULL : job.mode();
        JobInput input = new JobInput(state.id(), job.id(), source.spec().toSpec(), state.config().toConfig(),
                mode.toSyncMode(), job.ref(), job.fromRevision(), job.toRevision(), job.checkpoint().toCheckpoint(),
                job.counts().toCounts(), job.paths());
        ActorRef<SyncRunner.Command> runner = context.spawn(
                SyncRunner.create(context.getSelf(), input, work, settings.askTimeout(), settings.stopTimeout()),
                "sync-" + job.id() + "-" + (++runnerCount));
        context.watchWith(runner, new WorkspaceCommand.RunnerStopped(job.id(), runner));
        runners.put(job.id(), runner);
        log().info("workspace {}: {} job {} of source {} ({})", state.id(),
                job.checkpoint().lastPath() == null && job.attempts() == 0 ? "running" : "resuming", job.id(),
                job.source(), job.checkpoint());
    }

    /**
     * Starts the deletion of removed sources and retired generations, each once, and only when no runner that
     * could still write there is alive.
     */
    private void startCleanups(WorkspaceState state) {
        for (String source : state.removingSources()) {
            String cleanup = "source:" + source;
            if (mayStart(cleanup) && runnersOf(state, job -> job.source().equals(source)).isEmpty()) {
                cleanupsInFlight.add(cleanup);
                context.pipeToSelf(work.removeSource(state.id(), source, generationsOf(state)),
                        (done, error) -> error == null ? new WorkspaceCommand.SourceCleaned(source)
                                : new WorkspaceCommand.CleanupFailed(cleanup, error.toString()));
            }
        }
        for (String generation : state.retiringGenerations()) {
            String cleanup = "generation:" + generation;
            if (mayStart(cleanup) && runnersOf(state, job -> generation.equals(job.generation())).isEmpty()) {
                cleanupsInFlight.add(cleanup);
                context.pipeToSelf(work.retireGeneration(state.id(), generation, state.sources().keySet()),
                        (done, error) -> error == null ? new WorkspaceCommand.GenerationCleaned(generation)
                                : new WorkspaceCommand.CleanupFailed(cleanup, error.toString()));
            }
        }
    }

    /**
     * A workspace being deleted of which only the journal is left, with no runner alive: the journal goes, once
     * per incarnation (the entity stops when it is gone; a failure is tried again after the cleanup backoff).
     */
    private void startJournalPurge(WorkspaceState state) {
        String cleanup = "journal";
        if (state.onlyJournalLeft() && runners.isEmpty() && mayStart(cleanup)) {
            cleanupsInFlight.add(cleanup);
            context.pipeToSelf(purgeJournal.get(), (done, error) -> error == null
                    ? WorkspaceCommand.JournalDeleted.INSTANCE
                    : new WorkspaceCommand.CleanupFailed(cleanup, error.toString()));
        }
    }

    /** A cleanup neither running nor waiting for its retry. */
    private boolean mayStart(String cleanup) {
        return !cleanupsInFlight.contains(cleanup) && !timers.isTimerActive(cleanupTimer(cleanup));
    }

    private static String cleanupTimer(String cleanup) {
        return "cleanup-" + cleanup;
    }

    private List<String> runnersOf(WorkspaceState state, Predicate<Job> belongs) {
        return runners.keySet().stream()
                .filter(jobId -> state.job(jobId).map(belongs::test).orElse(false))
                .toList();
    }

    /** Every generation a source can have rows in: the active one, the one being built, the retiring ones. */
    private static Set<String> generationsOf(WorkspaceState state) {
        Set<String> generations = new LinkedHashSet<>();
        if (state.activeGeneration() != null) {
            generations.add(state.activeGeneration());
        }
        generations.add(state.targetGeneration());
        generations.addAll(state.retiringGenerations());
        return generations;
    }
}
