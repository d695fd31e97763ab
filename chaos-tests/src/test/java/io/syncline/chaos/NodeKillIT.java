package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with SIGKILL in the middle of a sync: the cluster downs it, the workspace moves to a survivor, which
 * resumes the same job by itself, and the index ends as a fault-free sync of the same revision builds it.
 */
class NodeKillIT {

    private static final String KEYSPACE = "chaos";
    private static final int DOCUMENTS = 60;
    private static final int PARAGRAPHS = 6;
    /** Per fake-provider answer: with 4 texts a request and 2 at once, the sync takes about half a minute. */
    private static final Duration PROVIDER_LATENCY = Duration.ofMillis(400);
    private static final Map<String, String> SETTINGS = Map.of(
            // the survivors down the dead node about 15 s after its death instead of 45 s
            "pekko.cluster.split-brain-resolver.stable-after", "5s");

    private final Timings timings = new Timings();

    @Test
    void aNodeKilledMidSyncHandsItsJobToASurvivorThatFinishesItAndNothingIsLost() throws Exception {
        Path run = ChaosRuns.newRun(NodeKillIT.class);
        Instant bodyEnd = null;
        Path repository = CorpusRepo.create(run.resolve("corpus.git"), DOCUMENTS, PARAGRAPHS);
        try (TestNetwork network = TestNetwork.create();
             FakeEmbeddingServer referenceProvider = FakeEmbeddingServer.start(bridge(network));
             FakeEmbeddingServer provider = FakeEmbeddingServer.start(bridge(network));
             ChaosCassandra cassandra = new ChaosCassandra(network, network.addHost("cas"), run);
             ChaosCluster cluster = new ChaosCluster(network, cassandra, run, KEYSPACE, List.of("n1", "n2", "n3"),
                     SETTINGS, Map.of(Workflows.API_KEY_ENV, "chaos-test-key"))) {
            timings.time("Cassandra start", cassandra::start);
            cluster.startOneByOne(Duration.ofMinutes(2)).forEach((node, took) -> timings.record(node + " start", took));
            ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofMinutes(1));
            NodeApi api = new NodeApi(cluster.node("n1"));
            Workflows user = new Workflows(api);

            // the reference: the same revision, synced without faults, through a provider of its own (its vectors are
            // cached under its own endpoint, so the faulty sync below embeds everything again)
            user.createWorkspace("reference", referenceProvider, 4, 2);
            user.addGitSource("reference", "repo", repository);
            String referenceJob = user.requestFullSync("reference", "repo");
            timings.time("reference sync", () -> assertThat(user.awaitFinished("reference", referenceJob,
                    Duration.ofMinutes(3), cluster.node("n1")).path("state").asText()).isEqualTo("completed"));

            provider.latency(PROVIDER_LATENCY);
            user.createWorkspace("chaos", provider, 4, 2);
            user.addGitSource("chaos", "repo", repository);
            Instant syncStart = Instant.now();
            String job = user.requestFullSync("chaos", "repo");
            ChaosNode victim = hostOf(cluster, "chaos", job);
            JsonNode atKill = Await.until(Duration.ofMinutes(2), "a quarter of the job done", () -> {
                JsonNode view = user.job("chaos", job);
                if (!List.of("queued", "running").contains(view.path("state").asText())) {
                    throw new Await.Hopeless("the job ended before it could be interrupted: " + view);
                }
                assertThat(view.path("documents").path("seen").asInt()).isGreaterThanOrEqualTo(DOCUMENTS / 4);
                return view;
            });
            long victimPid = victim.pid();
            List<ChaosNode> survivors = cluster.others(victim);
            // what the survivors logged before the kill does not count as taking the job over
            Map<ChaosNode, Integer> logBeforeKill = survivors.stream()
                    .collect(Collectors.toMap(n -> n, n -> n.logText().length()));
            victim.kill();
            Instant killedAt = Instant.now();
            System.out.printf("killed %s (pid %d, hosting the job) at %d of %d documents%n", victim.name(), victimPid,
                    atKill.path("documents").path("seen").asInt(), DOCUMENTS);
            assertThat(atKill.path("documents").path("seen").asInt()).isLessThan(DOCUMENTS);
            assertThat(Pids.alive(victimPid)).as("the killed node's JVM").isFalse();
            assertThat(victim.exitCode()).as("exit code of a SIGKILLed JVM").isEqualTo(137);

            // Only the survivors' logs are watched until one of them runs the job again: nothing asks for it.
            ChaosNode heir = Await.until(Duration.ofMinutes(2), "a survivor running job " + job + " again", () ->
                    survivors.stream().filter(n -> runs(n.logText().substring(logBeforeKill.get(n)), "chaos", job))
                            .findFirst().orElseThrow(() -> new AssertionError("no survivor's log says so")),
                    () -> survivors.get(0).logTail());
            timings.record("kill to job running on a survivor", Duration.between(killedAt, Instant.now()));
            NodeApi heirApi = new NodeApi(heir);
            JsonNode done = new Workflows(heirApi).awaitFinished("chaos", job, Duration.ofMinutes(3), heir);
            timings.record("faulty sync, request to completed", Duration.between(syncStart, Instant.now()));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("documents").path("seen").asInt()).isEqualTo(DOCUMENTS);

            timings.time("restart of the killed node", () -> {
                victim.start();
                victim.awaitReady(Duration.ofMinutes(2));
                ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofMinutes(1));
            });

            NothingLost checks = new NothingLost(cassandra.session(), KEYSPACE);
            timings.time("NothingLost checks", () -> checks.check(heirApi, "chaos", job, "reference"));
            List<String> writers = checks.journalIntact("chaos");
            System.out.printf("journal of workspace chaos written by %s%n", writers);
            assertThat(writers).as("writers of the chaos workspace's journal: the killed node's incarnation, then"
                    + " the survivor's").hasSizeGreaterThanOrEqualTo(2);
            assertThat(checks.manifest(heirApi, "chaos").lines()).hasSize(DOCUMENTS);
            cluster.nodes().forEach(n -> System.out.printf("node %s: %s%n", n.name(), n.memory()));
            System.out.printf("Cassandra: %s%n", Pids.memory(cassandra.pid()));
            bodyEnd = Instant.now();
        } finally {
            // the resources are closed by now: nodes stopped, Cassandra stopped, network removed
            if (bodyEnd != null) {
                timings.record("teardown", Duration.between(bodyEnd, Instant.now()));
            }
            System.out.println(timings);
        }
    }

    /** The node whose log says it runs the job (the workspace entity's log line when it starts a job's runner). */
    private static ChaosNode hostOf(ChaosCluster cluster, String workspace, String job) {
        return Await.until(Duration.ofSeconds(30), "a node running job " + job, () -> cluster.nodes().stream()
                .filter(n -> runs(n.logText(), workspace, job)).findFirst()
                .orElseThrow(() -> new AssertionError("no node's log says so")));
    }

    /** Whether a node's log says it started a runner for the job (WorkspaceRuntime's line). */
    private static boolean runs(String log, String workspace, String job) {
        return Pattern.compile("workspace " + workspace + ": (running|resuming) job " + job + " ").matcher(log).find();
    }

    private static InetAddress bridge(TestNetwork network) throws java.net.UnknownHostException {
        return InetAddress.getByName(network.bridgeAddress());
    }
}
