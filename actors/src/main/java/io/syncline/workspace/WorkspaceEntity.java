package io.syncline.workspace;

import io.syncline.membership.MajorityFence;
import io.syncline.membership.NodeAddress;
import io.syncline.membership.WriteFence;
import io.syncline.serialization.CborSerializable;
import io.syncline.source.SourceSpec;
import io.syncline.sync.Checkpoint;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.SyncCounts;
import io.syncline.sync.SyncMode;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workspace: its index config, its sources, the revision each source is synced to per index generation, and its
 * sync jobs. Sharded by workspace id and event-sourced, so that a job survives a crash of its node: the entity is
 * remembered by sharding while it has work, restarts with the node, and resumes each running job from its last
 * persisted checkpoint without anyone asking.
 *
 * <p>Event handlers only compute the next state ({@link WorkspaceState#apply}); every side effect (running jobs,
 * cleanups, passivation) happens after persisting, in {@link WorkspaceRuntime}. Command handling lives in
 * {@link WorkspaceCommands} (the API's commands) and {@link JobReports} (what sync runners report).
 */
public final class WorkspaceEntity
        extends EventSourcedBehaviorWithEnforcedReplies<WorkspaceEntity.Command, WorkspaceEntity.Event, WorkspaceState> {

    public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Workspace");

    // ---- commands of the API ----

    public sealed interface Command extends CborSerializable {
    }

    /** A command whose sender waits for an answer, given even when the command cannot be handled. */
    interface Replying<T> {
        ActorRef<StatusReply<T>> replyTo();
    }

    public record Create(IndexConfig config, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements Command, Replying<WorkspaceView> {
    }

    public record Get(ActorRef<StatusReply<WorkspaceView>> replyTo) implements Command, Replying<WorkspaceView> {
    }

    public record ChangeConfig(IndexConfig config, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements Command, Replying<WorkspaceView> {
    }

    public record AddSource(SourceSpec spec, ActorRef<StatusReply<WorkspaceView>> replyTo)
            implements Command, Replying<WorkspaceView> {
    }

    public record RemoveSource(String sourceId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, Replying<Done> {
    }

    public record RequestSync(String source, SyncMode mode, String ref, ActorRef<StatusReply<JobView>> replyTo)
            implements Command, Replying<JobView> {
    }

    public record GetJob(String jobId, ActorRef<StatusReply<JobView>> replyTo) implements Command, Replying<JobView> {
    }

    /** Queues a retry job per source, each reading the given documents (dead letters) at the indexed revision. */
    public record RetryDocuments(Map<String, List<String>> pathsBySource, ActorRef<StatusReply<JobViews>> replyTo)
            implements Command, Replying<JobViews> {
    }

    // ---- internal commands: reports of sync runners, cleanups, timers ----

    /** Sent to itself after recovery: start what must run. */
    enum WakeUp implements Command {
        INSTANCE
    }

    record RecordTarget(String jobId, String toRevision, ActorRef<StatusReply<Done>> replyTo)
            implements Command, Replying<Done> {
    }

    record RecordRetarget(String jobId, String lostRevision, String toRevision, ActorRef<StatusReply<Done>> replyTo)
            implements Command, Replying<Done> {
    }

    record RecordPlan(String jobId, SyncMode mode, int paths, ActorRef<StatusReply<Done>> replyTo)
            implements Command, Replying<Done> {
    }

    record RecordCheckpoint(String jobId, Checkpoint checkpoint, SyncCounts counts, List<FailedDocument> failures,
                            ActorRef<StatusReply<Done>> replyTo) implements Command, Replying<Done> {
    }

    record RunFinished(String jobId, SyncMode mode, SyncCounts counts) implements Command {
    }

    record RunFailed(String jobId, String error, boolean retryable) implements Command {
    }

    record RetryJob(String jobId) implements Command {
    }

    record RunnerStopped(String jobId, ActorRef<SyncRunner.Command> runner) implements Command {
    }

    record SourceCleaned(String sourceId) implements Command {
    }

    record GenerationCleaned(String generation) implements Command {
    }

    record CleanupFailed(String cleanup, String error) implements Command {
    }

    record RetryCleanup(String cleanup) implements Command {
    }

    enum IdleCheck implements Command {
        INSTANCE
    }

    // ---- events ----

    public sealed interface Event extends CborSerializable {
    }

    public record WorkspaceCreated(String workspaceId, IndexConfig config, Instant at) implements Event {
    }

    public record ConfigChanged(IndexConfig config, Instant at) implements Event {
    }

    public record SourceAdded(SourceSpec spec, Instant at) implements Event {
    }

    public record SourceRemovalStarted(String sourceId, Instant at) implements Event {
    }

    public record SourceRemoved(String sourceId, Instant at) implements Event {
    }

    /** @param paths the documents of a retry job; null for the other modes */
    public record SyncQueued(String jobId, String source, SyncMode mode, String ref, List<String> paths, Instant at)
            implements Event {
    }

    public record SyncStarted(String jobId, String generation, String fromRevision, Instant at) implements Event {
    }

    public record SyncTargetResolved(String jobId, String toRevision) implements Event {
    }

    public record SyncPlanned(String jobId, SyncMode mode, int paths) implements Event {
    }

    /** The job's revision was gone from the repository: it starts over, in full, towards {@code toRevision}. */
    public record SyncRetargeted(String jobId, String lostRevision, String toRevision, Instant at) implements Event {
    }

    public record SyncProgressed(String jobId, Checkpoint checkpoint, SyncCounts counts,
                                 List<FailedDocument> failures) implements Event {
    }

    public record SyncAttemptFailed(String jobId, String error, Instant at) implements Event {
    }

    public record SyncCompleted(String jobId, SyncCounts counts, Instant at) implements Event {
    }

    public record SyncFailed(String jobId, String error, Instant at) implements Event {
    }

    public record GenerationActivated(String generation, String previous, Instant at) implements Event {
    }

    public record GenerationDiscarded(String generation, Instant at) implements Event {
    }

    public record GenerationRetired(String generation, Instant at) implements Event {
    }

    // ---- the behavior ----

    /** Registers the entity with sharding on this node. */
    public static void init(ActorSystem<?> system, IndexWork work) {
        WorkspaceSettings settings = WorkspaceSettings.fromConfig(system.settings().config());
        EntityHost host = new EntityHost(NodeAddress.of(Cluster.get(system).selfMember().address()),
                MajorityFence.get(system));
        ClusterSharding.get(system).init(Entity.of(ENTITY_KEY,
                context -> create(context.getEntityId(), context.getShard(), work, settings, host)));
    }

    public static Behavior<Command> create(String workspaceId,
                                           ActorRef<ClusterSharding.ShardCommand> shard, IndexWork work,
                                           WorkspaceSettings settings, EntityHost host) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new WorkspaceEntity(workspaceId, context, timers, shard, work, settings, host)));
    }

    private final ActorContext<Command> context;
    private final WorkspaceCommands commands;
    private final JobReports reports;
    private final WorkspaceRuntime runtime;
    private final WriteFence fence;

    private WorkspaceEntity(String workspaceId, ActorContext<Command> context, TimerScheduler<Command> timers,
                            ActorRef<ClusterSharding.ShardCommand> shard, IndexWork work,
                            WorkspaceSettings settings, EntityHost host) {
        super(PersistenceId.of(ENTITY_KEY.name(), workspaceId),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.context = context;
        this.fence = host.fence();
        this.runtime = new WorkspaceRuntime(context, timers, shard, work, settings);
        this.commands = new WorkspaceCommands(workspaceId, host.address(), this::Effect, runtime);
        this.reports = new JobReports(this::Effect, runtime);
    }

    @Override
    public WorkspaceState emptyState() {
        return WorkspaceState.EMPTY;
    }

    /**
     * Every command first passes the write fence: on a node that may not write (cut off from the majority, or
     * frozen long enough to have been downed), the entity answers "unavailable" and stops, which stops its sync
     * runners. Sharding starts it again after a backoff; once the node is back in the majority it recovers and
     * resumes its jobs, and if the node is downed instead, the majority resumes them elsewhere.
     */
    @Override
    public CommandHandlerWithReply<Command, Event, WorkspaceState> commandHandler() {
        CommandHandlerWithReply<Command, Event, WorkspaceState> handlers = handlers();
        return (state, command) -> fence.closedBecause()
                .map(reason -> fenced(command, reason))
                .orElseGet(() -> handlers.apply(state, command));
    }

    private ReplyEffect<Event, WorkspaceState> fenced(Command command, String reason) {
        context.getLog().warn("workspace entity {} stops without handling {}: {}", context.getSelf().path().name(),
                command.getClass().getSimpleName(), reason);
        if (command instanceof Replying<?> replying) {
            return Effect().stop().thenReply(replyTo(replying), state -> Rejection.unavailable(reason));
        }
        return Effect().stop().thenNoReply();
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<StatusReply<Object>> replyTo(Replying<?> replying) {
        return (ActorRef<StatusReply<Object>>) (ActorRef<?>) replying.replyTo();
    }

    private CommandHandlerWithReply<Command, Event, WorkspaceState> handlers() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Create.class, commands::create)
                .onCommand(Get.class, commands::get)
                .onCommand(ChangeConfig.class, commands::changeConfig)
                .onCommand(AddSource.class, commands::addSource)
                .onCommand(RemoveSource.class, commands::removeSource)
                .onCommand(RequestSync.class, commands::requestSync)
                .onCommand(GetJob.class, commands::getJob)
                .onCommand(RetryDocuments.class, commands::retryDocuments)
                .onCommand(WakeUp.class, (state, wakeUp) -> reports.wakeUp(state))
                .onCommand(RecordTarget.class, reports::recordTarget)
                .onCommand(RecordRetarget.class, reports::recordRetarget)
                .onCommand(RecordPlan.class, reports::recordPlan)
                .onCommand(RecordCheckpoint.class, reports::recordCheckpoint)
                .onCommand(RunFinished.class, reports::runFinished)
                .onCommand(RunFailed.class, reports::runFailed)
                .onCommand(RetryJob.class, reports::retryJob)
                .onCommand(RunnerStopped.class, reports::runnerStopped)
                .onCommand(SourceCleaned.class, reports::sourceCleaned)
                .onCommand(GenerationCleaned.class, reports::generationCleaned)
                .onCommand(CleanupFailed.class, reports::cleanupFailed)
                .onCommand(RetryCleanup.class, reports::retryCleanup)
                .onCommand(IdleCheck.class, (state, check) -> reports.idleCheck(state))
                .build();
    }

    @Override
    public EventHandler<WorkspaceState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(WorkspaceState::apply);
    }

    @Override
    public SignalHandler<WorkspaceState> signalHandler() {
        // Effects cannot be persisted from a signal: the entity asks itself to start what must run.
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    runtime.recovered();
                    context.getSelf().tell(WakeUp.INSTANCE);
                })
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }
}
