package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.chaos.ChaosEnvironment.RunningSync;
import io.syncline.chaos.ChaosNode.Launch;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rolling upgrades of the shared cluster under load (searches and sync requests sent only to ready nodes), each
 * ending with the "nothing lost" checks. The three tests share one cluster lifecycle, in this order:
 * <ol>
 * <li>the cluster stops and starts again on the previous release (which so reads what this build wrote), gets data
 * and a running sync, and is replaced node by node, the oldest last, with this build (journal format 1);</li>
 * <li>this build rolls from journal format 1 to 2 and back to 1;</li>
 * <li>nodes of another keyspace and of another shard count try to join and are refused.</li>
 * </ol>
 * Each test first brings the cluster to the state it starts from, so that it also runs after an earlier one failed.
 * The class runs after every other scenario: it changes what the shared cluster's nodes run. Observations that do not
 * stop a test (a failed request, a workspace that moved, the names in the journal) are collected and reported
 * together at its end, after the "nothing lost" checks.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE)
class RollingUpgradeChaosIT {

    static final String JOURNAL_FORMAT = "SYNCLINE_JOURNAL_FORMAT";
    /**
     * The shard coordinator's rebalance round (10 s by default) on the previous release's nodes: shorter, so that a
     * rebalance that must not happen while versions differ would happen inside the observation window below. The
     * coordinator runs on the oldest node, which is replaced last: while versions differ it is the previous
     * release's. This build's nodes keep the default: every rebalance can cost a request in flight (below).
     */
    private static final Duration REBALANCE_INTERVAL = Duration.ofSeconds(2);
    /** What Pekko's shard coordinator logs when it moves shards. */
    private static final String REBALANCE_LOG = "Starting rebalance for shards";
    /** How long a replaced node's return is watched for a workspace moving: three rebalance rounds. */
    private static final Duration REBALANCE_WINDOW = REBALANCE_INTERVAL.multipliedBy(3);
    /** Idle workspaces beside the syncing one and the reference, so that shards sit on every node. */
    private static final int IDLE_WORKSPACES = 9;
    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration JOB = Duration.ofMinutes(3);
    private static final Timings TIMINGS = new Timings("rolling upgrade timings:");

    @Test
    @Order(1)
    void fromThePreviousReleaseToThisBuildOneNodeAtATimeServesEveryRequestAndMovesNoShard(ChaosEnvironment env) {
        PreviousRelease previous = PreviousRelease.shared();
        NodeBuild previousBuild = timed("waiting for the previous release's build",
                () -> previous.awaitBuild(Duration.ofMinutes(10)));
        Launch previousRelease = Launch.of(previousBuild).withSetting("pekko.cluster.sharding.rebalance-interval",
                REBALANCE_INTERVAL.toSeconds() + "s");
        Launch thisBuild = thisBuild(1);
        ChaosCluster cluster = env.cluster();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(thisBuild.build().version()).as("this build's version, which the roll must change to")
                .isNotEqualTo(previousBuild.version());

        Manifest referenceByThisBuild = env.checks().manifest(new NodeApi(cluster.node("n1")),
                ChaosEnvironment.REFERENCE);
        TIMINGS.time("stop of the cluster (this build)", cluster::stopAll);
        cluster.startOneByOne(previousRelease, READY)
                .forEach((node, took) -> TIMINGS.record(node + " start (previous release)", took));
        ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofMinutes(1));
        for (ChaosNode node : cluster.nodes()) {
            assertThat(node.logOfLastStart()).as(node.name() + " runs the previous release")
                    .contains("Syncline " + previousBuild.version() + " node starting");
        }
        ChaosNode via = cluster.node("n1");
        softly.assertThat(env.checks().manifest(new NodeApi(via), ChaosEnvironment.REFERENCE)
                        .differences(referenceByThisBuild))
                .as("the reference index as the previous release reads what this build wrote").isEmpty();

        try (FakeEmbeddingServer provider = env.provider()) {
            Instant begin = Instant.now();
            List<String> watched = new ArrayList<>(List.of(ChaosEnvironment.REFERENCE));
            Workflows user = env.user(via);
            for (int i = 1; i <= IDLE_WORKSPACES; i++) {
                user.createWorkspace("upgrade-idle-" + i, provider, 4, 2);
                watched.add("upgrade-idle-" + i);
            }
            RunningSync sync = env.startSync("upgrade", provider, via);
            watched.add("upgrade");
            long writtenByPreviousRelease = env.journal().lastSequenceNr("upgrade");
            TIMINGS.record("data and a running sync (previous release)", Duration.between(begin, Instant.now()));

            List<ChaosNode> order = cluster.rollingOrder(via);
            LoadBalancedClient load = new LoadBalancedClient(cluster.nodes(), ChaosEnvironment.REFERENCE, "upgrade");
            try {
                for (int step = 1; step <= order.size(); step++) {
                    ChaosNode node = order.get(step - 1);
                    begin = Instant.now();
                    replaceWatchingShards(env, node, thisBuild, watched, step < order.size(), softly);
                    TIMINGS.record("step " + step + ": " + node.name() + " to this build", Duration.between(begin,
                            Instant.now()));
                    softly.assertThat(node.logOfLastStart()).as(node.name() + " runs this build")
                            .contains("Syncline " + thisBuild.build().version() + " node starting");
                    if (step == 1) {
                        // The previous release could not read the event a deletion writes: refused while it runs.
                        NodeApi.Response refused = new NodeApi(node).delete("/v1/workspaces/upgrade-idle-1");
                        softly.assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                        softly.assertThat(refused.body()).contains("finish the upgrade first");
                    }
                }
            } finally {
                load.close();
            }
            long writtenDuringRoll = env.journal().lastSequenceNr("upgrade");
            softly.assertThat(new NodeApi(via).get("/v1/workspaces/upgrade-idle-1").status())
                    .as("the workspace whose deletion was refused").isEqualTo(200);
            checkEndpointsMigrated(via, provider, watched.subList(1, watched.size()), softly);
            new NodeApi(via).delete("/v1/workspaces/upgrade-idle-1").expect(202);
            Await.until(Duration.ofMinutes(1), "upgrade-idle-1 deleted once every node runs this build", () ->
                    new NodeApi(via).get("/v1/workspaces/upgrade-idle-1").expect(404));

            begin = Instant.now();
            softly.assertThat(load.requests()).as("requests sent during the roll").isGreaterThan(50);
            softly.assertThat(load.failures()).as("failed requests while versions were mixed").isEmpty();
            Set<String> jobs = new TreeSet<>(load.jobs());
            jobs.add(sync.job());
            awaitCompleted(env, "upgrade", jobs, via, softly);
            String last = user.requestFullSync("upgrade", "repo");
            awaitCompleted(env, "upgrade", List.of(last), via, softly);
            softly.check(() -> env.checks().check(new NodeApi(via), "upgrade", last, ChaosEnvironment.REFERENCE));

            List<JournalEvents.Event> events = env.journal().of("upgrade");
            softly.assertThat(events.stream().filter(e -> e.sequenceNr() <= writtenByPreviousRelease)
                            .map(JournalEvents.Event::manifest).toList())
                    .as("events the previous release wrote, by their manifests").isNotEmpty()
                    .allMatch(EventManifests::ofPreviousRelease, "named as the previous release names them ("
                            + EventManifests.PREVIOUS_RELEASE + "...)");
            softly.assertThat(events.stream().filter(e -> e.sequenceNr() > writtenDuringRoll)
                            .map(JournalEvents.Event::manifest).toList())
                    .as("events this build wrote after the roll, by their manifests").isNotEmpty()
                    .allMatch(EventManifests::ofThisBuild, "named as this build names them ("
                            + EventManifests.THIS_BUILD + "...#version)");
            TIMINGS.record("jobs and checks after the upgrade", Duration.between(begin, Instant.now()));
        }
        softly.assertAll();
    }

    /**
     * The previous release's workspaces gave their provider's URL and key's place themselves: on this build each
     * names an endpoint, the same one for all of them (one provider, one key), listed among the endpoints with what
     * they gave.
     */
    private static void checkEndpointsMigrated(ChaosNode via, FakeEmbeddingServer provider, List<String> workspaces,
                                               SoftAssertions softly) {
        Set<String> names = new TreeSet<>();
        for (String workspace : workspaces) {
            names.add(new NodeApi(via).get("/v1/workspaces/" + workspace).expect(200).json()
                    .at("/embedding/endpoint").asText());
        }
        softly.assertThat(names).as("the endpoints the previous release's workspaces name").hasSize(1)
                .allMatch(name -> name.startsWith("migrated-openai-"));
        String name = names.iterator().next();
        JsonNode listed = Await.until(Duration.ofSeconds(30), name + " among the endpoints", () -> {
            for (JsonNode endpoint : new NodeApi(via).get("/v1/endpoints").expect(200).json().get("endpoints")) {
                if (endpoint.get("name").asText().equals(name)) {
                    return endpoint;
                }
            }
            throw new AssertionError("GET /v1/endpoints does not list " + name);
        });
        softly.assertThat(listed.get("baseUrl").asText()).isEqualTo(provider.openAiBaseUrl());
        softly.assertThat(listed.get("apiKeyEnv").asText()).isEqualTo(Workflows.API_KEY_ENV);
        softly.assertThat(listed.at("/models/text-embedding-3-small").toString()).isEqualTo("[384]");
    }

    @Test
    @Order(2)
    void fromJournalFormat1To2AndBackWritesBothAndReadsEachOnEveryNode(ChaosEnvironment env) {
        ChaosCluster cluster = env.cluster();
        Launch format1 = thisBuild(1);
        Launch format2 = thisBuild(2);
        TIMINGS.time("every node on this build, format 1", () -> runEverywhere(cluster, format1));
        SoftAssertions softly = new SoftAssertions();
        ChaosNode via = cluster.node("n1");

        try (FakeEmbeddingServer up = env.provider(); FakeEmbeddingServer back = env.provider()) {
            Instant begin = Instant.now();
            RunningSync beforeUp = env.startSync("updown", up, via);
            TIMINGS.record("a running sync (format 1)", Duration.between(begin, Instant.now()));
            RunningSync beforeBack;
            LoadBalancedClient load = new LoadBalancedClient(cluster.nodes(), ChaosEnvironment.REFERENCE, "updown");
            try {
                roll(cluster, format2, "up to format 2");
                begin = Instant.now();
                beforeBack = env.startSync("updown-back", back, via);
                TIMINGS.record("a running sync (format 2)", Duration.between(begin, Instant.now()));
                roll(cluster, format1, "back to format 1");
            } finally {
                load.close();
            }

            begin = Instant.now();
            softly.assertThat(load.requests()).as("requests sent during the rolls").isGreaterThan(50);
            softly.assertThat(load.failures()).as("failed requests while formats were mixed").isEmpty();
            Set<String> jobs = new TreeSet<>(load.jobs());
            jobs.add(beforeUp.job());
            awaitCompleted(env, "updown", jobs, via, softly);
            awaitCompleted(env, "updown-back", List.of(beforeBack.job()), via, softly);
            String last = jobs.stream().max((a, b) -> Integer.compare(jobNumber(a), jobNumber(b))).orElseThrow();
            softly.check(() -> env.checks().check(new NodeApi(via), "updown", last, ChaosEnvironment.REFERENCE));
            softly.check(() -> env.checks().check(new NodeApi(via), "updown-back", beforeBack.job(),
                    ChaosEnvironment.REFERENCE));

            Set<String> checkpoints = new TreeSet<>();
            Set<Integer> formats = new TreeSet<>();
            for (String workspace : List.of("updown", "updown-back")) {
                for (JournalEvents.Event event : env.journal().of(workspace)) {
                    if (event.manifest().contains("SyncProgressed")) {
                        checkpoints.add(event.manifest());
                    }
                    EventManifests.syncProgressedFormat(event.manifest()).ifPresent(formats::add);
                }
            }
            softly.assertThat(formats).as("formats of the checkpoints written (SyncProgressed manifests: "
                    + checkpoints + ")").contains(1, 2);
            TIMINGS.record("jobs and checks after the rolls", Duration.between(begin, Instant.now()));
        }
        softly.assertAll();
    }

    @Test
    @Order(3)
    void aNodeOfAnotherKeyspaceOrShardCountIsRefusedSaysWhyAndTheClusterServes(ChaosEnvironment env) {
        ChaosCluster cluster = env.cluster();
        Launch theClusters = cluster.node("n1").launch();
        ChaosNode otherKeyspace = cluster.outsider("n4");
        ChaosNode otherShards = cluster.outsider("n5");
        SoftAssertions softly = new SoftAssertions();
        ChaosNode via = cluster.node("n1");

        try (FakeEmbeddingServer provider = env.provider()) {
            provider.latency(Duration.ofMillis(100));
            Workflows user = env.user(via);
            user.createWorkspace("refused", provider, 4, 2);
            user.addGitSource("refused", "repo", env.repository());
            Set<String> membersSeen = new HashSet<>();
            Instant begin = Instant.now();
            LoadBalancedClient load = new LoadBalancedClient(cluster.nodes(), ChaosEnvironment.REFERENCE, "refused");
            try {
                otherKeyspace.start(theClusters.withEnvironment("SYNCLINE_CASSANDRA_KEYSPACE",
                        ChaosEnvironment.KEYSPACE + "_other"));
                otherShards.start(theClusters.withSetting("pekko.cluster.sharding.number-of-shards", "50"));
                for (ChaosNode outsider : List.of(otherKeyspace, otherShards)) {
                    Await.until(Duration.ofMinutes(2), outsider.name() + " stopping by itself", () -> {
                        ClusterView.of(via).members().forEach(m -> membersSeen.add(m.node()));
                        if (outsider.alive()) {
                            throw new AssertionError("it still runs");
                        }
                        return null;
                    }, outsider::logTail);
                }
            } finally {
                load.close();
            }
            TIMINGS.record("two refused joins", Duration.between(begin, Instant.now()));

            begin = Instant.now();
            softly.assertThat(membersSeen).as("members while the outsiders tried to join")
                    .doesNotContain(otherKeyspace.clusterAddress(), otherShards.clusterAddress());
            softly.assertThat(otherKeyspace.logText()).as("the log of the node of another keyspace")
                    .contains("Couldn't join seed nodes because of incompatible cluster configuration")
                    .contains("syncline.cassandra.keyspace = " + ChaosEnvironment.KEYSPACE + "_other");
            softly.assertThat(otherShards.logText()).as("the log of the node of another shard count")
                    .contains("Couldn't join seed nodes because of incompatible cluster configuration")
                    .contains("pekko.cluster.sharding.number-of-shards = 50");
            String clusterLogs = String.join("\n", cluster.nodes().stream().map(ChaosNode::logOfLastStart).toList());
            softly.assertThat(clusterLogs).as("the cluster's logs")
                    .contains("Found incompatible settings when [" + otherKeyspace.clusterAddress()
                            + "] tried to join: syncline.cassandra.keyspace is incompatible")
                    .contains("Found incompatible settings when [" + otherShards.clusterAddress()
                            + "] tried to join: pekko.cluster.sharding.number-of-shards is incompatible");
            ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofSeconds(30));
            softly.assertThat(load.requests()).as("requests sent while the outsiders tried to join")
                    .isGreaterThan(20);
            softly.assertThat(load.failures()).as("failed requests").isEmpty();
            softly.assertThat(load.jobs()).as("sync jobs asked for").isNotEmpty();
            awaitCompleted(env, "refused", load.jobs(), via, softly);
            String last = load.jobs().stream().max((a, b) -> Integer.compare(jobNumber(a), jobNumber(b)))
                    .orElseThrow();
            softly.check(() -> env.checks().check(new NodeApi(via), "refused", last, ChaosEnvironment.REFERENCE));
            TIMINGS.record("jobs and checks after the refusals", Duration.between(begin, Instant.now()));
        }
        softly.assertAll();
    }

    @AfterAll
    static void printTimings() {
        System.out.println(TIMINGS);
    }

    /** This build, writing journal format {@code format}. */
    private static Launch thisBuild(int format) {
        return Launch.of(NodeBuild.current()).withEnvironment(JOURNAL_FORMAT, String.valueOf(format));
    }

    /**
     * One step of the upgrade: stops {@code node}, asks for every watched workspace while it is away (those it hosted
     * move to the others), starts it with {@code launch}. While {@code versionsDiffer} after the step, no workspace
     * that {@code node} did not host may have moved, none may move once it is back, for a few rebalance rounds, and
     * no node may log that it rebalances.
     */
    private static void replaceWatchingShards(ChaosEnvironment env, ChaosNode node, Launch launch,
                                              List<String> watched, boolean versionsDiffer, SoftAssertions softly) {
        ChaosCluster cluster = env.cluster();
        ChaosNode via = cluster.others(node).get(0);
        Map<String, ChaosNode> before = hosts(env, watched, via);
        node.stop();
        Map<String, ChaosNode> away = hosts(env, watched, via);
        long rebalancesBefore = rebalances(cluster);
        node.start(launch);
        node.awaitReady(READY);
        ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofMinutes(1));
        if (!versionsDiffer) {
            return;
        }
        softly.check(() -> Await.holds(REBALANCE_WINDOW, "no workspace moves while versions differ ("
                + node.name() + " replaced; hosts before " + names(before) + ", while it was away " + names(away)
                + ")", () -> {
                    Map<String, ChaosNode> now = hosts(env, watched, via);
                    for (String workspace : watched) {
                        if (before.get(workspace) != node && now.get(workspace) != before.get(workspace)) {
                            throw new AssertionError(workspace + " moved from " + before.get(workspace).name()
                                    + " to " + now.get(workspace).name());
                        }
                        if (now.get(workspace) != away.get(workspace)) {
                            throw new AssertionError(workspace + " moved from " + away.get(workspace).name()
                                    + " to " + now.get(workspace).name() + " after " + node.name() + " came back");
                        }
                    }
                    if (rebalances(cluster) != rebalancesBefore) {
                        throw new AssertionError("the shard coordinator logged \"" + REBALANCE_LOG + "\"");
                    }
                }, () -> ""));
    }

    /** How many times the nodes' logs say a coordinator rebalanced, every start of the nodes counted. */
    private static long rebalances(ChaosCluster cluster) {
        return cluster.nodes().stream().mapToLong(n -> n.logText().lines().filter(l -> l.contains(REBALANCE_LOG))
                .count()).sum();
    }

    /** The host of each workspace as {@code via} names it, asking again while it answers 503 (a shard moving). */
    private static Map<String, ChaosNode> hosts(ChaosEnvironment env, List<String> workspaces, ChaosNode via) {
        Map<String, ChaosNode> hosts = new LinkedHashMap<>();
        for (String workspace : workspaces) {
            hosts.put(workspace, Await.until(Duration.ofSeconds(30), "the host of " + workspace,
                    () -> env.hostOf(workspace, via), via::logTail));
        }
        return hosts;
    }

    private static Map<String, String> names(Map<String, ChaosNode> hosts) {
        Map<String, String> names = new LinkedHashMap<>();
        hosts.forEach((workspace, node) -> names.put(workspace, node.name()));
        return names;
    }

    /** Replaces every node, the oldest last, with {@code launch}, timing each step under {@code what}. */
    private static void roll(ChaosCluster cluster, Launch launch, String what) {
        for (ChaosNode node : cluster.rollingOrder(cluster.node("n1"))) {
            TIMINGS.record(what + ": " + node.name(), cluster.replace(node, launch, READY));
        }
    }

    /** Replaces, the oldest last, each node that does not run {@code launch} (none when all do). */
    private static void runEverywhere(ChaosCluster cluster, Launch launch) {
        for (ChaosNode node : cluster.rollingOrder(cluster.node("n1"))) {
            if (!node.launch().equals(launch)) {
                cluster.replace(node, launch, READY);
            }
        }
    }

    private static void awaitCompleted(ChaosEnvironment env, String workspace, Collection<String> jobs,
                                       ChaosNode via, SoftAssertions softly) {
        for (String job : jobs) {
            JsonNode done = env.user(via).awaitFinished(workspace, job, JOB, via);
            softly.assertThat(done.path("state").asText()).as(workspace + " " + job + ": " + done)
                    .isEqualTo("completed");
        }
    }

    private static int jobNumber(String job) {
        return Integer.parseInt(job.substring("job-".length()));
    }

    private static <T> T timed(String step, Supplier<T> action) {
        Instant begin = Instant.now();
        try {
            return action.get();
        } finally {
            TIMINGS.record(step, Duration.between(begin, Instant.now()));
        }
    }
}
