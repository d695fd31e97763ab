package io.syncline.workspace;

import io.syncline.source.SourceException;
import io.syncline.sync.Checkpoint;
import io.syncline.sync.DocumentOutcome;
import io.syncline.sync.FailureKind;
import io.syncline.sync.JobInput;
import io.syncline.sync.ProgressListener;
import io.syncline.sync.SyncCounts;
import io.syncline.sync.SyncJob;
import io.syncline.sync.SyncMode;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs one attempt of one job for its workspace entity, as the entity's child: resolves the target revision if the
 * job has none yet, runs the pipeline, and reports each step to the entity, waiting until the entity has persisted
 * it. It stops when the run ends. Told to {@link Stop} (its job cancelled, its source removed), it aborts the run and
 * stops once the run has ended, which includes the document writes it had under way: a cleanup the entity starts
 * after this runner stopped finds nothing of it still writing. When the entity itself stops (passivated, moved,
 * restarted), the runner stops with it and aborts the run, which the entity will resume from its last checkpoint.
 */
final class SyncRunner {

    /** Only ever sent by the runner to itself (a result it waited for): never crosses a node. */
    sealed interface Command extends NoSerializationVerificationNeeded {
    }

    /** From the entity: the job no longer runs; abort, and stop once the run has ended. */
    enum Stop implements Command {
        INSTANCE
    }

    private record Finished(SyncJob.Result result) implements Command {
    }

    private record Failed(Throwable error) implements Command {
    }

    /** The run did not end within the stop timeout after its abort (a fetch or a read still going). */
    private enum GaveUpWaiting implements Command {
        INSTANCE
    }

    private SyncRunner() {
    }

    /**
     * @param stopTimeout how long a stopped runner waits for its run to end. Writes end within the store's request
     *                    timeout; a fetch or read before the first document may take longer, and writes nothing once
     *                    the run is aborted, so the runner stops without it
     */
    static Behavior<Command> create(ActorRef<WorkspaceCommand> entity, JobInput job, IndexWork work,
                                    Duration askTimeout, Duration stopTimeout) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            SharedKillSwitch killSwitch = KillSwitches.shared("sync-" + job.workspace() + "-" + job.jobId());
            Scheduler scheduler = context.getSystem().scheduler();
            Reports reports = new Reports(entity, job.jobId(), askTimeout, scheduler);
            CompletionStage<SyncJob.Result> run = target(job, work, reports)
                    .thenCompose(targeted -> work.run(targeted, reports, killSwitch)
                            .exceptionallyCompose(error -> revisionGone(error)
                                    ? retarget(targeted, work, reports)
                                            .thenCompose(again -> work.run(again, reports, killSwitch))
                                    : CompletableFuture.failedFuture(error)));
            context.pipeToSelf(run, (result, error) -> error == null ? new Finished(result) : new Failed(error));
            Behavior<Command> stopping = Behaviors.receive(Command.class)
                    .onMessage(Finished.class, finished -> Behaviors.stopped())
                    .onMessage(Failed.class, failed -> Behaviors.stopped())
                    .onMessage(GaveUpWaiting.class, gaveUp -> {
                        context.getLog().warn("job {}: its run had not ended {} after it was stopped; stopping"
                                + " its runner anyway", job.jobId(), stopTimeout);
                        return Behaviors.stopped();
                    })
                    .onMessage(Stop.class, again -> Behaviors.same())
                    .build();
            return Behaviors.receive(Command.class)
                    .onMessage(Finished.class, finished -> {
                        entity.tell(new WorkspaceCommand.RunFinished(job.jobId(),
                                JobMode.of(finished.result().mode()), JobCounts.of(finished.result().counts())));
                        return Behaviors.stopped();
                    })
                    .onMessage(Failed.class, failed -> {
                        entity.tell(new WorkspaceCommand.RunFailed(job.jobId(), FailureKind.describe(failed.error()),
                                FailureKind.of(failed.error())));
                        return Behaviors.stopped();
                    })
                    .onMessage(Stop.class, stop -> {
                        killSwitch.abort(new IllegalStateException("job " + job.jobId() + " no longer runs"));
                        timers.startSingleTimer(GaveUpWaiting.INSTANCE, stopTimeout);
                        return stopping;
                    })
                    .onSignal(PostStop.class, stop -> {
                        killSwitch.abort(new IllegalStateException("sync runner of job " + job.jobId() + " stopped"));
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** The job with its target revision: the one persisted before, or a freshly resolved (and persisted) one. */
    private static CompletionStage<JobInput> target(JobInput job, IndexWork work, Reports reports) {
        if (job.toRevision() != null) {
            return CompletableFuture.completedFuture(job);
        }
        CompletionStage<String> target = job.mode() == SyncMode.RETRY && job.fromRevision() != null
                ? CompletableFuture.completedFuture(job.fromRevision()) // a retry reads what the index holds
                : work.resolve(job.workspace(), job.source(), job.ref());
        return target
                .thenCompose(revision -> reports.targeted(revision).thenApply(done -> new JobInput(job.workspace(),
                        job.jobId(), job.source(), job.config(), job.mode(), job.ref(), job.fromRevision(), revision,
                        job.checkpoint(), job.counts(), job.paths())));
    }

    private static boolean revisionGone(Throwable error) {
        return FailureKind.unwrap(error) instanceof SourceException se
                && se.kind() == SourceException.Kind.REVISION_GONE;
    }

    /**
     * The job towards the ref's revision now, in full from the start, once the entity has persisted that: the
     * revision it was syncing to is gone (a force push dropped it, and this node's mirror never had it).
     */
    private static CompletionStage<JobInput> retarget(JobInput job, IndexWork work, Reports reports) {
        return work.resolve(job.workspace(), job.source(), job.ref())
                .thenCompose(revision -> reports.retargeted(job.toRevision(), revision)
                        .thenApply(done -> new JobInput(job.workspace(), job.jobId(), job.source(), job.config(),
                                SyncMode.FULL, job.ref(), job.fromRevision(), revision, Checkpoint.START,
                                SyncCounts.ZERO, job.paths())));
    }

    /** The reports of one run to its entity, each an ask that completes once the entity persisted it. */
    private record Reports(ActorRef<WorkspaceCommand> entity, String jobId, Duration timeout,
                           Scheduler scheduler) implements ProgressListener {

        CompletionStage<Done> targeted(String revision) {
            return AskPattern.askWithStatus(entity,
                    replyTo -> new WorkspaceCommand.RecordTarget(jobId, revision, replyTo), timeout, scheduler);
        }

        CompletionStage<Done> retargeted(String lostRevision, String revision) {
            return AskPattern.askWithStatus(entity, replyTo -> new WorkspaceCommand.RecordRetarget(jobId,
                    lostRevision, revision, replyTo), timeout, scheduler);
        }

        @Override
        public CompletionStage<Done> planned(SyncMode mode, int paths) {
            return AskPattern.askWithStatus(entity,
                    replyTo -> new WorkspaceCommand.RecordPlan(jobId, JobMode.of(mode), paths, replyTo), timeout,
                    scheduler);
        }

        @Override
        public CompletionStage<Done> checkpoint(Checkpoint checkpoint, SyncCounts counts,
                                                List<DocumentOutcome> failures) {
            List<FailedDocument> failed = failures.stream().map(f -> new FailedDocument(f.path(), f.error())).toList();
            return AskPattern.askWithStatus(entity,
                    replyTo -> new WorkspaceCommand.RecordCheckpoint(jobId, JobCheckpoint.of(checkpoint),
                            JobCounts.of(counts), failed, replyTo), timeout, scheduler);
        }
    }
}
