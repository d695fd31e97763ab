package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.chaos.ChaosEnvironment.RunningSync;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cassandra goes away while a sync runs: frozen for 60 s, or killed and started again, or cut off from one node
 * only. While it is away no node answers 500, nor 2xx for a change it did not store; every node says 503 and is not
 * ready; the running job pauses and then completes, and nothing is lost. A node cut off alone is not ready, leaves
 * the cluster, and the others serve its workspaces.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class CassandraChaosIT {

    private static final Duration FROZEN = Duration.ofSeconds(60);

    @Test
    void cassandraFrozenForAMinuteMakesEveryNodeAnswer503AndTheJobCompletesAfterwards(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("cassandra-frozen", provider, env.cluster().node("n1"));
            List<RequestProbe> probes;
            env.cassandra().pause();
            assertThat(Pids.stopped(env.cassandra().pid())).as("Cassandra frozen").isTrue();
            probes = probeEveryNode(env);
            Instant thawed;
            try {
                Faults.hold(FROZEN);
            } finally {
                env.cassandra().resume();
                thawed = Instant.now();
                probes.forEach(RequestProbe::close);
            }
            assertOutageAnswers(env, probes);
            JsonNode done = env.awaitFinished(sync, sync.host(), Duration.ofMinutes(4));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(Instant.parse(done.path("finishedAt").asText())).as("the job waited for Cassandra")
                    .isAfter(thawed);
            env.nothingLost(sync, sync.host());
        }
    }

    @Test
    void cassandraKilledAndStartedAgainMakesEveryNodeAnswer503UntilItIsBack(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("cassandra-killed", provider, env.cluster().node("n1"));
            long pid = env.cassandra().pid();
            env.cassandra().kill();
            assertThat(Pids.alive(pid)).as("Cassandra's JVM").isFalse();
            List<RequestProbe> probes = probeEveryNode(env);
            try {
                Await.until(Duration.ofSeconds(60), "a 503 from every node while Cassandra is dead", () -> {
                    probes.forEach(p -> assertThat(p.answers("search")).extracting(RequestProbe.Answer::status)
                            .as(p.node().name()).contains(503));
                    return null;
                });
                env.cassandra().start();
            } finally {
                probes.forEach(RequestProbe::close);
            }
            assertOutageAnswers(env, probes);
            JsonNode done = env.awaitFinished(sync, sync.host(), Duration.ofMinutes(4));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            env.nothingLost(sync, sync.host());
        }
    }

    @Test
    void aNodeCutOffFromCassandraAloneIsNotReadyLeavesAndTheOthersServeItsWorkspace(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("cassandra-cut", provider, env.cluster().node("n1"));
            ChaosNode cut = sync.host();
            List<ChaosNode> others = env.cluster().others(cut);
            env.network().cut(cut.host(), env.cassandra().host().address());

            Await.until(Duration.ofSeconds(30), cut.name() + " not ready", () -> {
                assertThat(cut.ready()).isFalse();
                return null;
            });
            for (ChaosNode other : others) {
                NodeApi.Response search = new NodeApi(other).post("/v1/workspaces/" + ChaosEnvironment.REFERENCE
                        + "/search", "{\"query\":\"how is a chapter organised\",\"k\":3}");
                assertThat(search.status()).as("a search on " + other.name() + ": " + search.body()).isEqualTo(200);
            }
            cut.awaitExit(Duration.ofMinutes(1), "it left the cluster");
            assertThat(cut.logText()).contains("has not reached Cassandra for");
            ChaosNode heir = env.awaitHostOtherThan(sync.workspace(), cut, others.get(0), Duration.ofMinutes(1));
            JsonNode done = env.awaitFinished(sync, heir, Duration.ofMinutes(3));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
            env.nothingLost(sync, heir);
        }
    }

    private static List<RequestProbe> probeEveryNode(ChaosEnvironment env) {
        return env.cluster().nodes().stream().map(n -> new RequestProbe(n, ChaosEnvironment.REFERENCE)).toList();
    }

    /**
     * What every node answered during the outage: never another 5xx than 503 from the API, at least one 503, not
     * ready at least once (pekko-management says so with a 500: any status but 200 takes a node out of a load
     * balancer); and every change it accepted is there now.
     */
    private static void assertOutageAnswers(ChaosEnvironment env, List<RequestProbe> probes) {
        for (RequestProbe probe : probes) {
            String node = probe.node().name();
            List<RequestProbe.Answer> api = probe.answers().stream().filter(a -> !a.request().equals("ready")).toList();
            assertThat(api).as("API answers of " + node).isNotEmpty()
                    .noneMatch(a -> a.status() >= 500 && a.status() != 503);
            assertThat(api).extracting(RequestProbe.Answer::status).as("API answers of " + node).contains(503);
            assertThat(probe.answers("ready")).extracting(RequestProbe.Answer::status).as("/ready of " + node)
                    .anyMatch(s -> s != 200);
        }
        ChaosNode via = env.cluster().node("n1");
        for (RequestProbe probe : probes) {
            for (String id : probe.acceptedCreations()) {
                assertThat(Await.until(Duration.ofMinutes(1), "workspace " + id + " readable",
                        () -> new NodeApi(via).get("/v1/workspaces/" + id).expect(200)).status())
                        .as("a workspace whose creation was answered 2xx during the outage").isEqualTo(200);
            }
        }
    }
}
