package io.syncline.workspace;

import io.syncline.serialization.CborSerializable;
import io.syncline.sync.FailureKind;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

import java.util.List;
import java.util.Map;

/**
 * What a workspace entity is asked to do: the API's commands, which may come from any node, and the reports of its
 * own sync runners, cleanups and timers, which never leave its node. The API's commands are messages between nodes
 * of different releases while a cluster is upgraded: their names and fields change only the way events do (see
 * {@link io.syncline.workspace.journal}). A refusal is a {@link Rejection}.
 */
public sealed interface WorkspaceCommand extends CborSerializable {

    /** A command whose sender waits for an answer, given even when the command cannot be handled. */
    interface Replying<T> {
        ActorRef<StatusReply<T>> replyTo();

        /** Where to send a rejection, whatever the answer it waits for: a rejection is an error of any reply. */
        @SuppressWarnings("unchecked")
        default ActorRef<StatusReply<Object>> rejectionTo() {
            return (ActorRef<StatusReply<Object>>) (ActorRef<?>) replyTo();
        }
    }

    // ---- the API's commands ----

    record Create(IndexSettings config, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements WorkspaceCommand, Replying<WorkspaceView> {
    }

    record Get(ActorRef<StatusReply<WorkspaceView>> replyTo) implements WorkspaceCommand, Replying<WorkspaceView> {
    }

    record ChangeConfig(IndexSettings config, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements WorkspaceCommand, Replying<WorkspaceView> {
    }

    record AddSource(SourceDefinition spec, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements WorkspaceCommand, Replying<WorkspaceView> {
    }

    record RemoveSource(String sourceId, ActorRef<StatusReply<Done>> replyTo)
            implements WorkspaceCommand, Replying<Done> {
    }

    record RequestSync(String source, JobMode mode, String ref, ActorRef<StatusReply<JobView>> replyTo)
            implements WorkspaceCommand, Replying<JobView> {
    }

    record GetJob(String jobId, ActorRef<StatusReply<JobView>> replyTo) implements WorkspaceCommand, Replying<JobView> {
    }

    /** Queues a retry job per source, each reading the given documents (dead letters) at the indexed revision. */
    record RetryDocuments(Map<String, List<String>> pathsBySource, ActorRef<StatusReply<JobViews>> replyTo)
            implements WorkspaceCommand, Replying<JobViews> {
    }

    /**
     * Starts the deletion of the workspace and answers with it as being deleted; asked again while it is, it
     * answers the same. New in 0.2.0: sent only when no node of the cluster runs an earlier release.
     */
    record Delete(ActorRef<StatusReply<WorkspaceView>> replyTo) implements WorkspaceCommand, Replying<WorkspaceView> {
    }

    // ---- reports of the entity's sync runners, cleanups and timers: they never leave its node ----

    /** Sent to itself after recovery: start what must run. */
    enum WakeUp implements WorkspaceCommand {
        INSTANCE
    }

    record RecordTarget(String jobId, String toRevision, ActorRef<StatusReply<Done>> replyTo)
            implements WorkspaceCommand, Replying<Done> {
    }

    record RecordRetarget(String jobId, String lostRevision, String toRevision, ActorRef<StatusReply<Done>> replyTo)
            implements WorkspaceCommand, Replying<Done> {
    }

    record RecordPlan(String jobId, JobMode mode, int paths, ActorRef<StatusReply<Done>> replyTo)
            implements WorkspaceCommand, Replying<Done> {
    }

    record RecordCheckpoint(String jobId, JobCheckpoint checkpoint, JobCounts counts, List<FailedDocument> failures,
                            ActorRef<StatusReply<Done>> replyTo) implements WorkspaceCommand, Replying<Done> {
    }

    record RunFinished(String jobId, JobMode mode, JobCounts counts) implements WorkspaceCommand {
    }

    /** A run that ended in a failure of the given kind: transient ones are resumed, the others end the job. */
    record RunFailed(String jobId, String error, FailureKind kind) implements WorkspaceCommand {
    }

    record RetryJob(String jobId) implements WorkspaceCommand {
    }

    record RunnerStopped(String jobId, ActorRef<SyncRunner.Command> runner) implements WorkspaceCommand {
    }

    record SourceCleaned(String sourceId) implements WorkspaceCommand {
    }

    record GenerationCleaned(String generation) implements WorkspaceCommand {
    }

    record CleanupFailed(String cleanup, String error) implements WorkspaceCommand {
    }

    record RetryCleanup(String cleanup) implements WorkspaceCommand {
    }

    /** The journal of a workspace being deleted is gone: the entity stops, and the id is free again. */
    enum JournalDeleted implements WorkspaceCommand {
        INSTANCE
    }

    enum IdleCheck implements WorkspaceCommand {
        INSTANCE
    }
}
