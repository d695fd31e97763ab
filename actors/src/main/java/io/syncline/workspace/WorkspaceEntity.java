package io.syncline.workspace;

import io.syncline.membership.MajorityFence;
import io.syncline.membership.NodeAddress;
import io.syncline.membership.WriteFence;
import io.syncline.workspace.WorkspaceCommand.AddSource;
import io.syncline.workspace.WorkspaceCommand.ChangeConfig;
import io.syncline.workspace.WorkspaceCommand.CleanupFailed;
import io.syncline.workspace.WorkspaceCommand.Create;
import io.syncline.workspace.WorkspaceCommand.Delete;
import io.syncline.workspace.WorkspaceCommand.GenerationCleaned;
import io.syncline.workspace.WorkspaceCommand.Get;
import io.syncline.workspace.WorkspaceCommand.GetJob;
import io.syncline.workspace.WorkspaceCommand.IdleCheck;
import io.syncline.workspace.WorkspaceCommand.JournalDeleted;
import io.syncline.workspace.WorkspaceCommand.RecordCheckpoint;
import io.syncline.workspace.WorkspaceCommand.RecordPlan;
import io.syncline.workspace.WorkspaceCommand.RecordRetarget;
import io.syncline.workspace.WorkspaceCommand.RecordTarget;
import io.syncline.workspace.WorkspaceCommand.RemoveSource;
import io.syncline.workspace.WorkspaceCommand.Replying;
import io.syncline.workspace.WorkspaceCommand.RequestSync;
import io.syncline.workspace.WorkspaceCommand.RetryCleanup;
import io.syncline.workspace.WorkspaceCommand.RetryDocuments;
import io.syncline.workspace.WorkspaceCommand.RetryJob;
import io.syncline.workspace.WorkspaceCommand.RunFailed;
import io.syncline.workspace.WorkspaceCommand.RunFinished;
import io.syncline.workspace.WorkspaceCommand.RunnerStopped;
import io.syncline.workspace.WorkspaceCommand.SourceCleaned;
import io.syncline.workspace.WorkspaceCommand.WakeUp;
import io.syncline.workspace.journal.JournalFormat;
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
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Duration;

/**
 * The behaviour of a workspace: its index config, its sources, the revision each source is synced to per index
 * generation, and its sync jobs. The protocol is {@link WorkspaceCommand} (with the replies {@link WorkspaceView},
 * {@link JobView}, {@link JobViews} and {@link Rejection}), the journal {@link WorkspaceEvent}, the state
 * {@link WorkspaceState}. Sharded by workspace id and event-sourced, so that a job survives a crash of its node:
 * the entity is remembered by sharding while it has work, restarts with the node, and resumes each running job from
 * its last persisted checkpoint without anyone asking.
 *
 * <p>Event handlers only compute the next state ({@link WorkspaceState#apply}); every side effect (running jobs,
 * cleanups, passivation) happens after persisting, in {@link WorkspaceRuntime}. Command handling lives in
 * {@link WorkspaceCommands} (the API's commands) and {@link JobReports} (what sync runners report); which handler
 * serves a command depends on whether the workspace exists, and whether it is being deleted (then the API's
 * commands but reads are refused).
 */
public final class WorkspaceEntity
        extends EventSourcedBehaviorWithEnforcedReplies<WorkspaceCommand, WorkspaceEvent, WorkspaceState> {

    public static final EntityTypeKey<WorkspaceCommand> ENTITY_KEY =
            EntityTypeKey.create(WorkspaceCommand.class, "Workspace");

    /** Registers the entity with sharding on this node. */
    public static void init(ActorSystem<?> system, IndexWork work) {
        WorkspaceSettings settings = WorkspaceSettings.fromConfig(system.settings().config());
        JournalFormat.configure(system.settings().config());
        EntityHost host = new EntityHost(NodeAddress.of(Cluster.get(system).selfMember().address()),
                MajorityFence.get(system), new CassandraJournalPurge(system));
        ClusterSharding.get(system).init(Entity.of(ENTITY_KEY,
                context -> create(context.getEntityId(), context.getShard(), work, settings, host)));
    }

    public static Behavior<WorkspaceCommand> create(String workspaceId,
                                                    ActorRef<ClusterSharding.ShardCommand> shard, IndexWork work,
                                                    WorkspaceSettings settings, EntityHost host) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new WorkspaceEntity(workspaceId, context, timers, shard, work, settings, host)));
    }

    private final ActorContext<WorkspaceCommand> context;
    private final WorkspaceCommands commands;
    private final JobReports reports;
    private final WorkspaceRuntime runtime;
    private final WriteFence fence;

    private WorkspaceEntity(String workspaceId, ActorContext<WorkspaceCommand> context,
                            TimerScheduler<WorkspaceCommand> timers, ActorRef<ClusterSharding.ShardCommand> shard,
                            IndexWork work,
                            WorkspaceSettings settings, EntityHost host) {
        super(PersistenceId.of(ENTITY_KEY.name(), workspaceId),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.context = context;
        this.fence = host.fence();
        this.runtime = new WorkspaceRuntime(context, timers, shard, work, settings,
                () -> host.journals().purge(persistenceId().id()));
        this.commands = new WorkspaceCommands(workspaceId, host.address(), this::Effect, runtime, settings);
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
    public CommandHandlerWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState> commandHandler() {
        CommandHandlerWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState> handlers = handlers();
        return (state, command) -> fence.closedBecause()
                .map(reason -> fenced(command, reason))
                .orElseGet(() -> handlers.apply(state, command));
    }

    private ReplyEffect<WorkspaceEvent, WorkspaceState> fenced(WorkspaceCommand command, String reason) {
        context.getLog().warn("workspace entity {} stops without handling {}: {}", context.getSelf().path().name(),
                command.getClass().getSimpleName(), reason);
        if (command instanceof Replying<?> replying) {
            return Effect().stop().thenReply(replying.rejectionTo(), state -> Rejection.unavailable(reason).reply());
        }
        return Effect().stop().thenNoReply();
    }

    private CommandHandlerWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState> handlers() {
        var builder = newCommandHandlerWithReplyBuilder();
        builder.forState(state -> !state.exists())
                .onCommand(Create.class, commands::create)
                .onCommand(WakeUp.class, (state, wakeUp) -> reports.wakeUp(state))
                .onCommand(IdleCheck.class, (state, check) -> reports.idleCheck(state))
                .onAnyCommand(commands::missing);
        builder.forState(WorkspaceState::deleting)
                .onCommand(Get.class, commands::get)
                .onCommand(GetJob.class, commands::getJob)
                .onCommand(Delete.class, commands::get)
                .onCommand(JournalDeleted.class, (state, deleted) -> reports.journalDeleted(state));
        builder.forState(state -> state.exists() && !state.deleting())
                .onCommand(Create.class, commands::alreadyExists)
                .onCommand(Get.class, commands::get)
                .onCommand(ChangeConfig.class, commands::changeConfig)
                .onCommand(AddSource.class, commands::addSource)
                .onCommand(RemoveSource.class, commands::removeSource)
                .onCommand(RequestSync.class, commands::requestSync)
                .onCommand(GetJob.class, commands::getJob)
                .onCommand(RetryDocuments.class, commands::retryDocuments)
                .onCommand(Delete.class, commands::delete);
        // What runners, cleanups and timers report is handled alike whether or not the workspace is being deleted
        // (its jobs have all ended then); the API's other commands to a workspace being deleted are refused.
        builder.forState(WorkspaceState::exists)
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
                .onAnyCommand(commands::beingDeleted);
        return builder.build();
    }

    @Override
    public EventHandler<WorkspaceState, WorkspaceEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(WorkspaceState::apply);
    }

    @Override
    public SignalHandler<WorkspaceState> signalHandler() {
        // Effects cannot be persisted from a signal: the entity asks itself to start what must run.
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    runtime.recovered(state);
                    context.getSelf().tell(WakeUp.INSTANCE);
                })
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }
}
