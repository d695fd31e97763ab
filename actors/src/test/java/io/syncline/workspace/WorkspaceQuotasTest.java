package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import io.syncline.membership.WriteFence;
import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.SyncJob;
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

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace holds at most max-sources sources and lets at most max-queued-jobs-per-source jobs wait per source. */
class WorkspaceQuotasTest {

    private static ActorTestKit testKit;

    @BeforeAll
    static void setUp() {
        testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("""
                        syncline.workspace.idle-timeout = 1h
                        syncline.workspace.max-sources = 2
                        syncline.workspace.max-queued-jobs-per-source = 2
                        """))
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
    }

    private static EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> workspace(
            ScriptedWork work) {
        TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
        var entity = EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
                testKit.system(), WorkspaceEntity.create("ws", shard.ref(), work,
                        WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                        new EntityHost("127.0.0.1:0", WriteFence.NONE, Journals.UNTOUCHED)));
        entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        return entity;
    }

    private static StatusReply<WorkspaceView> addSource(
            EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> entity, String id) {
        return entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.git(id, "/srv/" + id + ".git", "main")), replyTo)).reply();
    }

    @Test
    void aSourceBeyondTheQuotaIsRefusedWithTheLimitNamedAndNothingRecorded() {
        var entity = workspace(new ScriptedWork());
        assertThat(addSource(entity, "a").isSuccess()).isTrue();
        assertThat(addSource(entity, "b").isSuccess()).isTrue();

        var result = entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.git("c", "/srv/c.git", "main")), replyTo));

        assertThat(result.reply().isError()).isTrue();
        Rejection rejection = Rejection.of(result.reply().getError()).orElseThrow();
        assertThat(rejection.reason()).isEqualTo(Rejection.Reason.CONFLICT);
        assertThat(rejection.message()).contains("has 2 sources").contains("syncline.workspace.max-sources");
        assertThat(result.events()).isEmpty();
        assertThat(result.state().sources()).containsOnlyKeys("a", "b");
    }

    @Test
    void jobsBeyondTheQueueQuotaOfASourceAreRefused() {
        // the first job runs and never ends, so the next ones wait
        ScriptedWork work = new ScriptedWork()
                .resolveTo(ref -> CompletableFuture.completedFuture("1111111111111111111111111111111111111111"))
                .runs((job, listener) -> new CompletableFuture<SyncJob.Result>());
        var entity = workspace(work);
        assertThat(addSource(entity, "a").isSuccess()).isTrue();
        String first = entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.RequestSync("a",
                JobMode.INCREMENTAL, null, replyTo)).reply().getValue().job();
        testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.GetJob(first, replyTo))
                    .reply().getValue().state()).isEqualTo("running");
            return null;
        });
        for (String ref : new String[]{"v1", "v2"}) {
            var queued = entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.RequestSync("a",
                    JobMode.INCREMENTAL, ref, replyTo));
            assertThat(queued.reply().isSuccess()).as("job for ref " + ref).isTrue();
        }

        var refused = entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.RequestSync("a",
                JobMode.INCREMENTAL, "v3", replyTo));

        assertThat(refused.reply().isError()).isTrue();
        assertThat(Rejection.of(refused.reply().getError()).orElseThrow().message())
                .contains("max-queued-jobs-per-source");
        assertThat(refused.events()).isEmpty();
    }
}
