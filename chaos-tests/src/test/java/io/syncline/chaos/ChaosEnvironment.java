package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one chaos cluster of this test JVM, shared by every scenario: a test network, Cassandra in a host of its own,
 * three nodes, a git corpus and a reference workspace that indexed it without faults. Starting it costs about a
 * minute on 2 cores, so it starts once (at the first scenario) and stops after the last; each scenario first makes
 * it whole again ({@link #healthy}) and works in workspaces of its own, each with a fake provider of its own (so
 * that no scenario finds its texts in another's embedding cache).
 */
public final class ChaosEnvironment implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String KEYSPACE = "chaos";
    static final String REFERENCE = "reference";
    static final int DOCUMENTS = 60;
    static final int PARAGRAPHS = 6;
    /** Per fake-provider answer: with 4 texts a request and 2 at once, a sync of the corpus takes about 25 s. */
    static final Duration SLOW_PROVIDER = Duration.ofMillis(250);
    static final Duration STABLE_AFTER = Duration.ofSeconds(5);
    static final List<String> NODES = List.of("n1", "n2", "n3");

    /** Faster than the production defaults, so that the run fits its time; the behaviour is the same. */
    private static final Map<String, String> SETTINGS = Map.of(
            "pekko.cluster.split-brain-resolver.stable-after", STABLE_AFTER.toSeconds() + "s",
            "syncline.http.drain-delay", "2s",
            "syncline.cassandra.watch.leave-after", "10s",
            "syncline.embedding.preload-default-model", "off");

    private final Path run;
    private final TestNetwork network;
    private final ChaosCassandra cassandra;
    private final ChaosCluster cluster;
    private final FakeEmbeddingServer referenceProvider;
    private final Path repository;
    private final Timings timings = new Timings();

    private ChaosEnvironment() throws IOException {
        run = ChaosRuns.newRun(ChaosEnvironment.class);
        repository = CorpusRepo.create(run.resolve("corpus.git"), DOCUMENTS, PARAGRAPHS);
        network = TestNetwork.create();
        cassandra = new ChaosCassandra(network, network.addHost("cas"), run);
        cluster = new ChaosCluster(network, cassandra, run, KEYSPACE, NODES, SETTINGS,
                Map.of(Workflows.API_KEY_ENV, "chaos-test-key", "SYNCLINE_ADMIN_KEY", NodeApi.ADMIN_KEY,
                        "SYNCLINE_SOURCES_ALLOWED_ROOTS", run.toString()));
        referenceProvider = FakeEmbeddingServer.start(bridge());
    }

    /** The environment of this JVM, started on first use and closed when the last test of the run has ended. */
    static ChaosEnvironment get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ChaosEnvironment.class, key -> start(), ChaosEnvironment.class);
    }

    private static ChaosEnvironment start() {
        ChaosEnvironment environment;
        try {
            environment = new ChaosEnvironment();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            environment.timings.time("Cassandra start", environment.cassandra::start);
            environment.cluster.startOneByOne(Duration.ofMinutes(2))
                    .forEach((node, took) -> environment.timings.record(node + " start", took));
            ClusterView.awaitMembersUp(environment.cluster.nodes(), Duration.ofMinutes(1));
            environment.timings.time("reference sync", environment::syncReference);
            return environment;
        } catch (RuntimeException | AssertionError e) {
            environment.close();
            throw e;
        }
    }

    /** Resolves a scenario's {@code ChaosEnvironment} parameter. */
    public static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ChaosEnvironment.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ChaosEnvironment environment = get(context);
            environment.healthy();
            return environment;
        }
    }

    private void syncReference() {
        Workflows user = user(cluster.node("n1"));
        user.createWorkspace(REFERENCE, referenceProvider, 4, 2);
        user.addGitSource(REFERENCE, "repo", repository);
        String job = user.requestFullSync(REFERENCE, "repo");
        JsonNode done = user.awaitFinished(REFERENCE, job, Duration.ofMinutes(3), cluster.node("n1"));
        if (!done.path("state").asText().equals("completed")) {
            throw new AssertionError("the reference sync did not complete: " + done);
        }
    }

    /**
     * Makes the environment whole after whatever the last scenario did: every cut healed, every process running
     * (a paused one resumed, a dead one started), and the three nodes Up in one cluster.
     */
    void healthy() {
        network.healAll();
        if (!cassandra.alive()) {
            cassandra.start();
        } else if (Pids.stopped(cassandra.pid())) {
            cassandra.resume();
        }
        for (ChaosNode node : cluster.nodes()) {
            if (node.alive() && Pids.stopped(node.pid())) {
                node.resume();
            }
        }
        for (ChaosNode node : cluster.nodes()) {
            if (!node.alive()) {
                node.start();
                node.awaitReady(Duration.ofMinutes(2));
            }
        }
        ClusterView.awaitMembersUp(cluster.nodes(), Duration.ofMinutes(2));
        for (ChaosNode node : cluster.nodes()) {
            node.awaitReady(Duration.ofMinutes(1));
        }
    }

    /** A fake OpenAI-compatible provider of the scenario's own, on the bridge; the scenario closes it. */
    FakeEmbeddingServer provider() {
        try {
            return FakeEmbeddingServer.start(bridge());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new workspace on its own slow provider, with the corpus as its source and a full sync requested through
     * {@code via}, once the sync has done a quarter of the corpus (so that a fault lands in its middle).
     */
    RunningSync startSync(String workspace, FakeEmbeddingServer provider, ChaosNode via) {
        provider.latency(SLOW_PROVIDER);
        Workflows user = user(via);
        user.createWorkspace(workspace, provider, 4, 2);
        user.addGitSource(workspace, "repo", repository);
        String job = user.requestFullSync(workspace, "repo");
        JsonNode progress = Await.until(Duration.ofMinutes(2), "a quarter of " + workspace + "'s sync done", () -> {
            JsonNode view = user.job(workspace, job);
            if (!List.of("queued", "running").contains(view.path("state").asText())) {
                throw new Await.Hopeless("the job ended before it could be interrupted: " + view);
            }
            if (view.path("documents").path("seen").asInt() < DOCUMENTS / 4) {
                throw new AssertionError("only " + view.path("documents"));
            }
            return view;
        });
        return new RunningSync(workspace, job, hostOf(workspace, via), progress.path("documents").path("seen").asInt());
    }

    /**
     * A sync in the middle of its work.
     *
     * @param host         the node that hosts the workspace and runs the job
     * @param seenAtStart  documents done when it was found running
     */
    record RunningSync(String workspace, String job, ChaosNode host, int seenAtStart) {
    }

    /** The node that hosts a workspace, as {@code GET /v1/workspaces/{ws}} on {@code via} names it. */
    ChaosNode hostOf(String workspace, ChaosNode via) {
        String address = new NodeApi(via).get("/v1/workspaces/" + workspace).expect(200).json().path("node").asText();
        return cluster.nodes().stream().filter(n -> (n.host().address() + ":" + ChaosNode.REMOTE_PORT).equals(address))
                .findFirst().orElseThrow(() -> new AssertionError("no node of the cluster at '" + address + "'"));
    }

    /** Waits until {@code via} answers for the workspace with a host other than {@code not}; answers that host. */
    ChaosNode awaitHostOtherThan(String workspace, ChaosNode not, ChaosNode via, Duration max) {
        return Await.until(max, workspace + " hosted by a node other than " + not.name(), () -> {
            ChaosNode host = hostOf(workspace, via);
            if (host == not) {
                throw new AssertionError("still " + not.name());
            }
            return host;
        }, via::logTail);
    }

    /** Waits for a job to end, asking {@code via}, and answers its last view. */
    JsonNode awaitFinished(RunningSync sync, ChaosNode via, Duration max) {
        return user(via).awaitFinished(sync.workspace(), sync.job(), max, via);
    }

    /** The four "nothing lost" checks of a workspace's job against the reference, asked through {@code via}. */
    void nothingLost(RunningSync sync, ChaosNode via) {
        checks().check(new NodeApi(via), sync.workspace(), sync.job(), REFERENCE);
    }

    NothingLost checks() {
        return new NothingLost(cassandra.session(), KEYSPACE);
    }

    /** The workspaces' journals, with the manifest of each event. */
    JournalEvents journal() {
        return new JournalEvents(cassandra.session(), KEYSPACE);
    }

    Workflows user(ChaosNode via) {
        return new Workflows(new NodeApi(via));
    }

    TestNetwork network() {
        return network;
    }

    ChaosCassandra cassandra() {
        return cassandra;
    }

    ChaosCluster cluster() {
        return cluster;
    }

    Path repository() {
        return repository;
    }

    Path run() {
        return run;
    }

    /** The oldest member, where the shard coordinator runs, as {@code via} sees it. */
    ChaosNode oldest(ChaosNode via) {
        String oldest = ClusterView.oldest(via);
        return cluster.nodes().stream().filter(n -> n.clusterAddress().equals(oldest)).findFirst()
                .orElseThrow(() -> new AssertionError("no node of the cluster is the oldest, " + oldest));
    }

    private InetAddress bridge() throws IOException {
        return InetAddress.getByName(network.bridgeAddress());
    }

    /** Stops everything, the provider first and the network last, even after a scenario left a fault behind. */
    @Override
    public void close() {
        Instant begin = Instant.now();
        try {
            network.healAll();
            if (cassandra.alive() && Pids.stopped(cassandra.pid())) {
                cassandra.resume();
            }
            closeAll(referenceProvider, cluster, cassandra, network);
        } finally {
            timings.record("teardown", Duration.between(begin, Instant.now()));
            System.out.println(timings);
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                failure = failure != null ? failure : new IllegalStateException("closing " + resource, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
