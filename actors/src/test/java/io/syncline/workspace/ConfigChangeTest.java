package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import io.syncline.membership.WriteFence;
import io.syncline.source.SourceSpec;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A config that makes the same rows (other limits, another timeout, another name of the same endpoint) is recorded
 * and holds at once, for the index being built and for the one searches read, without building anything; the same
 * config again records nothing.
 */
class ConfigChangeTest {

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

    private static IndexSettings remote(String endpoint, int batchSize) {
        return new IndexSettings(new IndexSettings.Embedding("openai", "text-embedding-3-small",
                "http://127.0.0.1:9/v1", 256, "OPENAI_API_KEY", null, "5s", batchSize, 0, 0, 1, endpoint),
                new IndexSettings.Chunking(400, 40));
    }

    @Test
    void aConfigOfTheSameGenerationIsRecordedAndHoldsWithoutBuildingAnything() {
        TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
        var entity = EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
                testKit.system(), WorkspaceEntity.create("same-generation", shard.ref(), new ScriptedWork(),
                        WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                        new EntityHost("127.0.0.1:0", WriteFence.NONE, Journals.UNTOUCHED)));
        IndexSettings migrated = remote("migrated-openai-0123456789", 64);
        entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.Create(migrated, replyTo));
        entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.git("repo", "/srv/repo.git", "main")), replyTo));
        IndexSettings moved = remote("gateway", 8);
        assertThat(moved.generation()).isEqualTo(migrated.generation());

        var changed = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.ChangeConfig(moved, replyTo));

        assertThat(changed.events()).containsExactly(new WorkspaceEvent.ConfigChanged(moved,
                ((WorkspaceEvent.ConfigChanged) changed.events().get(0)).at()));
        assertThat(changed.state().config()).isEqualTo(moved);
        assertThat(changed.state().activeConfig()).as("what searches read with").isEqualTo(moved);
        assertThat(changed.state().jobs()).as("nothing to rebuild").isEmpty();
        WorkspaceView view = changed.reply().getValue();
        assertThat(view.embedding().endpoint()).isEqualTo("gateway");
        assertThat(view.embedding().batchSize()).isEqualTo(8);
        assertThat(view.index().building()).isNull();

        var again = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.ChangeConfig(moved, replyTo));
        assertThat(again.events()).isEmpty();
        assertThat(entity.restart().state().activeConfig()).isEqualTo(moved);
    }
}
