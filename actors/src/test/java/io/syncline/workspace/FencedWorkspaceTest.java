package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import io.syncline.membership.WriteFence;
import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace on a node that may not write answers "unavailable", persists nothing and stops. */
class FencedWorkspaceTest {

    private static ActorTestKit testKit;
    private static PersistenceTestKit journal;

    @BeforeAll
    static void setUp() {
        testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
                .withFallback(ConfigFactory.load()));
        journal = PersistenceTestKit.create(testKit.system());
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
    }

    @Test
    void aClosedFenceRefusesEveryCommandPersistsNothingAndStopsTheEntity() {
        AtomicReference<String> closedBecause = new AtomicReference<>();
        WriteFence fence = () -> Optional.ofNullable(closedBecause.get());
        TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
        ActorRef<WorkspaceCommand> entity = testKit.spawn(WorkspaceEntity.create("ws", shard.ref(),
                new ScriptedWork(), WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                new EntityHost("10.0.0.1:25520", fence, Journals.UNTOUCHED)));
        TestProbe<StatusReply<WorkspaceView>> replies = testKit.createTestProbe();
        entity.tell(new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replies.ref()));
        assertThat(replies.receiveMessage().getValue().node()).isEqualTo("10.0.0.1:25520");
        journal.expectNextPersistedClass("Workspace|ws", WorkspaceEvent.WorkspaceCreated.class);

        closedBecause.set("this node sees 1 of 3 cluster members: it is not on the majority side");
        entity.tell(new WorkspaceCommand.AddSource(SourceDefinition.of(SourceSpec.filesystem("docs", "/srv/docs")),
                replies.ref()));

        assertThat(replies.receiveMessage().getError().getMessage())
                .isEqualTo("unavailable: this node sees 1 of 3 cluster members: it is not on the majority side");
        replies.expectTerminated(entity);
        journal.expectNothingPersisted("Workspace|ws");
    }
}
