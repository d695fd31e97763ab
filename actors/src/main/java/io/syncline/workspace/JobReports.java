package io.syncline.workspace;

import io.syncline.sync.FailureKind;
import io.syncline.workspace.WorkspaceCommand.CleanupFailed;
import io.syncline.workspace.WorkspaceCommand.GenerationCleaned;
import io.syncline.workspace.WorkspaceCommand.RecordCheckpoint;
import io.syncline.workspace.WorkspaceCommand.RecordPlan;
import io.syncline.workspace.WorkspaceCommand.RecordRetarget;
import io.syncline.workspace.WorkspaceCommand.RecordTarget;
import io.syncline.workspace.WorkspaceCommand.RetryCleanup;
import io.syncline.workspace.WorkspaceCommand.RetryJob;
import io.syncline.workspace.WorkspaceCommand.RunFailed;
import io.syncline.workspace.WorkspaceCommand.RunFinished;
import io.syncline.workspace.WorkspaceCommand.RunnerStopped;
import io.syncline.workspace.WorkspaceCommand.SourceCleaned;
import io.syncline.workspace.WorkspaceEvent.GenerationRetired;
import io.syncline.workspace.WorkspaceEvent.SourceRemoved;
import io.syncline.workspace.WorkspaceEvent.SyncAttemptFailed;
import io.syncline.workspace.WorkspaceEvent.SyncCompleted;
import io.syncline.workspace.WorkspaceEvent.SyncFailed;
import io.syncline.workspace.WorkspaceEvent.SyncPlanned;
import io.syncline.workspace.WorkspaceEvent.SyncProgressed;
import io.syncline.workspace.WorkspaceEvent.SyncRetargeted;
import io.syncline.workspace.WorkspaceEvent.SyncTargetResolved;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The handling of what sync runners and cleanups report, and of the entity's own timers. A report about a job
 * that is no longer running (cancelled, superseded) is refused, which stops its runner.
 */
final class JobReports {

    private final Supplier<EffectFactories<WorkspaceEvent, WorkspaceState>> effect;
    private final WorkspaceRuntime runtime;

    JobReports(Supplier<EffectFactories<WorkspaceEvent, WorkspaceState>> effect, WorkspaceRuntime runtime) {
        this.effect = effect;
        this.runtime = runtime;
    }

    /** After recovery: start the jobs that may start, resume those that were running, resume cleanups. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> wakeUp(WorkspaceState state) {
        if (!state.exists()) {
            runtime.reconcile(state, false);
            return effect.get().noReply();
        }
        Instant now = Instant.now();
        List<WorkspaceEvent> events = FollowUps.with(state, List.of(), now);
        if (events.isEmpty()) {
            runtime.reconcile(state, true);
            return effect.get().noReply();
        }
        return effect.get().persist(events).thenRun(next -> runtime.reconcile(next, true)).thenNoReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> recordTarget(WorkspaceState state, RecordTarget report) {
        return ifRunning(state, report.jobId(), report.replyTo(),
                job -> new SyncTargetResolved(job.id(), report.toRevision()));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> recordRetarget(WorkspaceState state, RecordRetarget report) {
        return ifRunning(state, report.jobId(), report.replyTo(), job -> new SyncRetargeted(job.id(),
                report.lostRevision(), report.toRevision(), Instant.now()));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> recordPlan(WorkspaceState state, RecordPlan report) {
        return ifRunning(state, report.jobId(), report.replyTo(),
                job -> new SyncPlanned(job.id(), report.mode(), report.paths()));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> recordCheckpoint(WorkspaceState state, RecordCheckpoint report) {
        return ifRunning(state, report.jobId(), report.replyTo(), job -> new SyncProgressed(job.id(),
                report.checkpoint(), report.counts(), report.failures(), Instant.now()));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> runFinished(WorkspaceState state, RunFinished report) {
        if (!running(state, report.jobId())) {
            return effect.get().noReply();
        }
        Instant now = Instant.now();
        return effect.get().persist(FollowUps.with(state,
                        List.of(new SyncCompleted(report.jobId(), report.counts(), now)), now))
                .thenRun(next -> {
                    Job job = next.job(report.jobId()).orElseThrow();
                    runtime.log().info("workspace {}: job {} of source {} {}: {}", next.id(), job.id(),
                            job.source(), job.state().json(), job.counts());
                    runtime.reconcile(next, true);
                })
                .thenNoReply();
    }

    /**
     * A run that failed for a transient reason resumes from its checkpoint after a backoff, as often as it takes;
     * a permanent failure ends the job.
     */
    ReplyEffect<WorkspaceEvent, WorkspaceState> runFailed(WorkspaceState state, RunFailed report) {
        if (!running(state, report.jobId())) {
            return effect.get().noReply();
        }
        Instant now = Instant.now();
        if (report.kind() == FailureKind.TRANSIENT) {
            return effect.get().persist(new SyncAttemptFailed(report.jobId(), report.error(), now))
                    .thenRun(next -> {
                        Job job = next.job(report.jobId()).orElseThrow();
                        runtime.log().warn("workspace {}: run {} of job {} failed, resuming after a backoff: {}",
                                next.id(), job.attempts(), job.id(), report.error());
                        runtime.scheduleRetry(job.id(), job.attempts());
                        runtime.reconcile(next, false);
                    })
                    .thenNoReply();
        }
        return effect.get().persist(FollowUps.with(state,
                        List.of(new SyncFailed(report.jobId(), report.error(), now)), now))
                .thenRun(next -> {
                    runtime.log().warn("workspace {}: job {} failed: {}", next.id(), report.jobId(), report.error());
                    runtime.reconcile(next, true);
                })
                .thenNoReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> retryJob(WorkspaceState state, RetryJob retry) {
        runtime.reconcile(state, true);
        return effect.get().noReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> runnerStopped(WorkspaceState state, RunnerStopped stopped) {
        runtime.runnerStopped(stopped.jobId(), stopped.runner());
        // A runner reports its end before it stops, but the report may arrive after this notice: a job still
        // running gets a retry after the usual backoff, which its report (if it comes) makes moot.
        state.job(stopped.jobId()).filter(job -> job.state() == JobState.RUNNING)
                .ifPresent(job -> runtime.scheduleRetryUnlessPending(job.id(), job.attempts() + 1));
        // a job of the same source may have waited for this runner to end
        runtime.reconcile(state, true);
        return effect.get().noReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> sourceCleaned(WorkspaceState state, SourceCleaned cleaned) {
        runtime.cleanupFinished("source:" + cleaned.sourceId());
        return effect.get().persist(new SourceRemoved(cleaned.sourceId(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, false))
                .thenNoReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> generationCleaned(WorkspaceState state, GenerationCleaned cleaned) {
        runtime.cleanupFinished("generation:" + cleaned.generation());
        return effect.get().persist(new GenerationRetired(cleaned.generation(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, false))
                .thenNoReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> cleanupFailed(WorkspaceState state, CleanupFailed failed) {
        runtime.log().warn("workspace {}: cleanup {} failed, trying again later: {}", state.id(), failed.cleanup(),
                failed.error());
        runtime.cleanupFinished(failed.cleanup());
        runtime.scheduleCleanupRetry(failed.cleanup());
        return effect.get().noReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> retryCleanup(WorkspaceState state, RetryCleanup retry) {
        runtime.reconcile(state, false);
        return effect.get().noReply();
    }

    /**
     * The last step of a deletion: nothing of the workspace is left, and its entity stops. The purge stays marked
     * as in flight, so that nothing starts it again in this incarnation; the next one recovers an empty state.
     */
    ReplyEffect<WorkspaceEvent, WorkspaceState> journalDeleted(WorkspaceState state) {
        runtime.log().info("workspace {}: deleted, its journal too", state.id());
        runtime.passivate();
        return effect.get().noReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> idleCheck(WorkspaceState state) {
        if (state.idle()) {
            runtime.passivate();
        }
        return effect.get().noReply();
    }

    private ReplyEffect<WorkspaceEvent, WorkspaceState> ifRunning(WorkspaceState state, String jobId,
                                                         ActorRef<StatusReply<Done>> replyTo,
                                                         Function<Job, WorkspaceEvent> event) {
        if (!running(state, jobId)) {
            return effect.get().reply(replyTo,
                    Rejection.conflict("job '" + jobId + "' is no longer running in workspace '" + state.id() + "'")
                            .reply());
        }
        return effect.get().persist(event.apply(state.job(jobId).orElseThrow()))
                .thenReply(replyTo, next -> StatusReply.success(Done.getInstance()));
    }

    private static boolean running(WorkspaceState state, String jobId) {
        return state.job(jobId).map(j -> j.state() == JobState.RUNNING).orElse(false);
    }
}
