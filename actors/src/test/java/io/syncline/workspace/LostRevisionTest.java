package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import io.syncline.membership.WriteFence;
import io.syncline.source.SourceException;
import io.syncline.source.SourceSpec;
import io.syncline.sync.Checkpoint;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.SyncCounts;
import io.syncline.sync.SyncJob;
import io.syncline.sync.SyncMode;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job whose target revision a force push removed (and which this node's mirror never had) does not fail: it
 * resolves its ref again and runs in full, from the start, towards the revision the ref names now.
 */
class LostRevisionTest {

    private static final String LOST = "1111111111111111111111111111111111111111";
    private static final String NOW = "2222222222222222222222222222222222222222";

    private static ActorTestKit testKit;

    @BeforeAll
    static void setUp() {
        testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("syncline.workspace.idle-timeout = 1h"))
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
    }

    @Test
    void aJobWhoseRevisionIsGoneRunsInFullTowardsTheRefsRevisionNow() {
        ScriptedWork work = new ScriptedWork()
                .runs((job, listener) -> job.toRevision().equals(LOST)
                        ? CompletableFuture.failedFuture(new SourceException(SourceException.Kind.REVISION_GONE,
                                "revision " + LOST + " is no longer in the repository"))
                        : listener.planned(SyncMode.FULL, 3).thenApply(done ->
                                new SyncJob.Result(SyncMode.FULL, SyncCounts.ZERO)));
        TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
        var entity = EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
                testKit.system(), WorkspaceEntity.create("ws", shard.ref(), work,
                        WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                        new EntityHost("127.0.0.1:0", WriteFence.NONE, Journals.UNTOUCHED)));
        entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.git("repo", "/srv/repo.git", "main")), replyTo));
        // The job resolves its target first; by the time it reads, the branch was force-pushed elsewhere.
        AtomicInteger resolved = new AtomicInteger();
        work.resolveTo(ref -> CompletableFuture.completedFuture(resolved.getAndIncrement() == 0 ? LOST : NOW));
        String job = entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.RequestSync("repo",
                JobMode.INCREMENTAL, null, replyTo)).reply().getValue().job();

        JobView done = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
            JobView view = entity.<StatusReply<JobView>>runCommand(
                    replyTo -> new WorkspaceCommand.GetJob(job, replyTo)).reply().getValue();
            assertThat(view.state()).isEqualTo("completed");
            return view;
        });

        assertThat(done.toRevision()).isEqualTo(NOW);
        assertThat(done.effectiveMode()).isEqualTo(JobMode.FULL);
        assertThat(done.lastError()).contains(LOST).contains("in full");
        assertThat(work.runs).extracting(run -> run.toRevision()).containsExactly(LOST, NOW);
        assertThat(work.runs.get(1).mode()).isEqualTo(SyncMode.FULL);
        assertThat(work.runs.get(1).checkpoint()).isEqualTo(Checkpoint.START);
    }
}
