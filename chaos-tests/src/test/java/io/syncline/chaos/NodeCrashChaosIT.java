package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.chaos.ChaosEnvironment.RunningSync;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node dies with SIGKILL: the one that hosts a syncing workspace, or the oldest one, where the shard coordinator
 * runs. The others down it, the workspace starts on a survivor and resumes its job by itself (nothing but polling
 * asks for it), the killed node restarts and rejoins, and nothing is lost.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class NodeCrashChaosIT {

    @Test
    void theNodeHostingASyncIsKilledAndASurvivorFinishesTheJob(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("crash-host", provider, env.cluster().node("n1"));
            killAndRecover(env, sync.host(), sync);
        }
    }

    @Test
    void theOldestNodeHostingASyncIsKilledAndTheCoordinatorMovesWithIt(ChaosEnvironment env) {
        ChaosNode oldest = env.oldest(env.cluster().node("n1"));
        ChaosNode via = env.cluster().others(oldest).get(0);
        try (FakeEmbeddingServer provider = env.provider()) {
            provider.latency(ChaosEnvironment.SLOW_PROVIDER);
            String workspace = workspaceHostedBy(env, oldest, via, provider);
            Workflows user = env.user(via);
            user.addGitSource(workspace, "repo", env.repository());
            String job = user.requestFullSync(workspace, "repo");
            awaitRunning(env, workspace, job, via);
            RunningSync sync = new RunningSync(workspace, job, env.hostOf(workspace, via), 0);
            assertThat(sync.host()).as("the host of " + workspace).isSameAs(oldest);
            killAndRecover(env, oldest, sync);
            assertThat(env.oldest(via)).as("the oldest member after the old one died").isNotSameAs(oldest);
        }
    }

    /** Kills {@code victim}, waits for the job to finish elsewhere, restarts the victim, checks that nothing is lost. */
    private static void killAndRecover(ChaosEnvironment env, ChaosNode victim, RunningSync sync) {
        List<ChaosNode> survivors = env.cluster().others(victim);
        ChaosNode via = survivors.get(0);
        JsonNode atKill = env.user(via).job(sync.workspace(), sync.job());
        long pid = victim.pid();
        victim.kill();

        assertThat(Pids.alive(pid)).as("the killed node's JVM").isFalse();
        assertThat(victim.exitCode()).as("exit code of a SIGKILLed JVM").isEqualTo(137);
        assertThat(atKill.path("state").asText()).as("the job when its node was killed").isEqualTo("running");
        assertThat(atKill.path("documents").path("seen").asInt()).isLessThan(ChaosEnvironment.DOCUMENTS);
        ChaosNode heir = env.awaitHostOtherThan(sync.workspace(), victim, via, Duration.ofMinutes(1));
        JsonNode done = env.awaitFinished(sync, heir, Duration.ofMinutes(3));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");

        victim.start();
        victim.awaitReady(Duration.ofMinutes(2));
        ClusterView.awaitMembersUp(env.cluster().nodes(), Duration.ofMinutes(1));
        env.nothingLost(sync, heir);
        assertThat(env.checks().journalIntact(sync.workspace()))
                .as("writers of the journal: the killed node's incarnation, then the heir's").hasSizeGreaterThan(1);
    }

    /** Creates workspaces until sharding places one on {@code node}; answers its id. */
    private static String workspaceHostedBy(ChaosEnvironment env, ChaosNode node, ChaosNode via,
                                            FakeEmbeddingServer provider) {
        Workflows user = env.user(via);
        for (int i = 1; i <= 30; i++) {
            String workspace = "oldest-" + i;
            user.createWorkspace(workspace, provider, 4, 2);
            if (env.hostOf(workspace, via) == node) {
                return workspace;
            }
        }
        throw new AssertionError("none of 30 workspaces landed on " + node.name());
    }

    private static void awaitRunning(ChaosEnvironment env, String workspace, String job, ChaosNode via) {
        Await.until(Duration.ofMinutes(2), workspace + "'s sync under way", () -> {
            JsonNode view = env.user(via).job(workspace, job);
            if (!List.of("queued", "running").contains(view.path("state").asText())) {
                throw new Await.Hopeless("the job ended before it could be interrupted: " + view);
            }
            assertThat(view.path("documents").path("seen").asInt())
                    .isGreaterThanOrEqualTo(ChaosEnvironment.DOCUMENTS / 4);
            return view;
        });
    }
}
