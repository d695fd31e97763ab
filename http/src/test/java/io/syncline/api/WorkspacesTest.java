package io.syncline.api;

import com.typesafe.config.ConfigFactory;
import io.syncline.workspace.Rejection;
import io.syncline.workspace.WorkspaceCommand;
import io.syncline.workspace.WorkspaceEntity;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A message to a shard being handed over can be dropped: a read is asked again within the request's timeout, a
 * command that changes something is not (the entity may have handled it).
 */
class WorkspacesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final ConcurrentHashMap<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    private static ActorTestKit testKit;
    private static Workspaces workspaces;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.port = 0
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                """).withFallback(ConfigFactory.load()));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        TestProbe<Object> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
            return null;
        });
        ClusterSharding.get(testKit.system()).init(Entity.of(WorkspaceEntity.ENTITY_KEY,
                context -> dropsTheFirstOfEachKind(context.getEntityId())));
        workspaces = new Workspaces(testKit.system(), TIMEOUT,
                new WorkspaceDirectory(id -> CompletableFuture.completedFuture(true)));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** Answers every command "not found", except the first of each kind, which it drops as a hand-over would. */
    private static Behavior<WorkspaceCommand> dropsTheFirstOfEachKind(String workspace) {
        return Behaviors.receive(WorkspaceCommand.class).onAnyMessage(command -> {
            String kind = workspace + "/" + command.getClass().getSimpleName();
            int seen = RECEIVED.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            if (seen > 1 && command instanceof WorkspaceCommand.Replying<?> replying) {
                replying.rejectionTo().tell(Rejection.notFound("workspace '" + workspace + "' does not exist")
                        .reply());
            }
            return Behaviors.same();
        }).build();
    }

    @Test
    void aReadWhoseMessageIsLostIsAskedAgainAndAnswered() throws Exception {
        Throwable failure = catchThrowable(() -> workspaces.get("reads").toCompletableFuture()
                .get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));

        assertThat(failure).hasCauseInstanceOf(ApiException.class);
        ApiException answer = (ApiException) failure.getCause();
        assertThat(answer.status().intValue()).as(answer.getMessage()).isEqualTo(404);
        assertThat(RECEIVED.get("reads/Get").get()).isEqualTo(2);
    }

    @Test
    void aChangeWhoseAnswerIsLateIsNotSentAgain() {
        Throwable failure = catchThrowable(() -> workspaces.removeSource("changes", "docs").toCompletableFuture()
                .get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));

        assertThat(failure).hasCauseInstanceOf(ApiException.class);
        assertThat(((ApiException) failure.getCause()).status().intValue()).isEqualTo(503);
        assertThat(RECEIVED.get("changes/RemoveSource").get()).isEqualTo(1);
    }
}
