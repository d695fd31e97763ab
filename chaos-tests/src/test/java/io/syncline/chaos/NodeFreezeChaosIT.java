package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.chaos.ChaosEnvironment.RunningSync;
import io.syncline.membership.MajorityFence;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node that hosts a syncing workspace is frozen with SIGSTOP. A freeze shorter than stable-after downs nobody and
 * the job goes on where it was; a longer one gets the node downed and removed, its workspace resumes elsewhere, and
 * when it is thawed it exits by itself without writing: the journal never sees its writer again.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class NodeFreezeChaosIT {

    @Test
    void aFreezeShorterThanStableAfterDownsNobodyAndTheJobGoesOnWhereItWas(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("freeze-short", provider, env.cluster().node("n1"));
            ChaosNode host = sync.host();
            long pid = host.pid();
            freeze(host, ChaosEnvironment.STABLE_AFTER.dividedBy(2));

            ChaosNode via = env.cluster().others(host).get(0);
            JsonNode done = env.awaitFinished(sync, via, Duration.ofMinutes(3));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(host.alive()).as("the frozen node runs on").isTrue();
            assertThat(host.pid()).isEqualTo(pid);
            assertThat(env.hostOf(sync.workspace(), via)).as("the workspace stayed where it was").isSameAs(host);
            ClusterView.awaitMembersUp(env.cluster().nodes(), Duration.ofSeconds(30));
            env.nothingLost(sync, via);
            assertThat(env.checks().journalIntact(sync.workspace())).as("one writer: nobody took over").hasSize(1);
        }
    }

    @Test
    void aLongerFreezeGetsTheNodeDownedItsJobResumedElsewhereAndOnThawingItExitsWithoutWriting(
            ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("freeze-long", provider, env.cluster().node("n1"));
            ChaosNode host = sync.host();
            List<ChaosNode> survivors = env.cluster().others(host);
            ChaosNode via = survivors.get(0);
            host.pause();
            assertThat(Pids.stopped(host.pid())).as("the host is frozen").isTrue();

            Await.until(Duration.ofSeconds(60), host.name() + " removed from the cluster", () -> {
                assertThat(ClusterView.of(via).member(host.clusterAddress())).isEmpty();
                return null;
            }, via::logTail);
            ChaosNode heir = env.awaitHostOtherThan(sync.workspace(), host, via, Duration.ofMinutes(1));
            Await.until(Duration.ofMinutes(1), "the job running on " + heir.name(), () -> {
                assertThat(env.user(heir).job(sync.workspace(), sync.job()).path("documents").path("seen").asInt())
                        .isGreaterThan(sync.seenAtStart());
                return null;
            });

            host.resume();
            host.awaitExit(Duration.ofSeconds(30), "thawed after it was downed");
            assertThat(host.exitCode()).as("the exit code of a node that halts after a freeze")
                    .isEqualTo(MajorityFence.HALT_EXIT_CODE);
            assertThat(host.logText()).contains("longer than the", "exits now, without writing");

            JsonNode done = env.awaitFinished(sync, heir, Duration.ofMinutes(3));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            env.nothingLost(sync, heir);
            assertThat(env.checks().journalIntact(sync.workspace()))
                    .as("the frozen incarnation, then the heir, and never the frozen one again").hasSizeGreaterThan(1);
        }
    }

    /** SIGSTOP for {@code length}, then SIGCONT; checks the freeze took. */
    private static void freeze(ChaosNode node, Duration length) {
        node.pause();
        assertThat(Pids.stopped(node.pid())).as(node.name() + " frozen").isTrue();
        Faults.hold(length);
        node.resume();
    }
}
