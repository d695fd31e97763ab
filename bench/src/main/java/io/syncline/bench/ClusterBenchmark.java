package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.fake.FakeEmbeddingServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code cluster}: W workspaces, each its own git corpus, synced at once through the fake OpenAI-compatible provider,
 * which answers every request after L ms. The provider is the limit, not the CPU: each node makes at most C provider
 * calls at once (its provider dispatcher), the endpoint's own limits are far above what the nodes send. Run on one
 * node, then on three (a fresh keyspace each, so nothing is reused), then, on the three, a failover: the node that
 * hosts a syncing workspace is killed with SIGKILL, and the time until that workspace's job makes progress again on
 * another node is measured, with the default split brain resolver settings (and a provider of short latency, so
 * that progress shows as soon as the job runs again).
 *
 * <p>RESULT: {@code throughput_ratio} (chunks a second on three nodes over one), {@code failover_s}.
 */
final class ClusterBenchmark {

    static final Set<String> OPTIONS = Set.of("workspaces", CorpusOptions.DOCS, "latency-ms", "batch", "node-calls",
            "heap", "failover-docs", "failover-latency-ms");

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SYNC_WITHIN = Duration.ofMinutes(15);

    private final int workspaces;
    private final int documents;
    private final int latencyMs;
    private final int batchSize;
    private final int nodeCalls;
    private final int heapMb;
    private final int failoverDocuments;
    private final int failoverLatencyMs;
    /** The fake provider of this run, defined on each cluster before its workspaces. */
    private FakeEndpoint endpoint;

    ClusterBenchmark(Options options) {
        options.allowing(OPTIONS);
        this.workspaces = options.integer("workspaces", 6);
        this.documents = options.integer(CorpusOptions.DOCS, 200);
        this.latencyMs = options.integer("latency-ms", 2000);
        this.batchSize = options.integer("batch", 8);
        this.nodeCalls = options.integer("node-calls", 4);
        this.heapMb = options.integer("heap", 384);
        this.failoverDocuments = options.integer("failover-docs", 400);
        this.failoverLatencyMs = options.integer("failover-latency-ms", 200);
    }

    Result run() throws Exception {
        System.out.println("cluster: " + Machine.describe());
        System.out.printf("  %d workspaces of %d documents; provider latency %d ms, batch %d, %d provider calls at "
                + "once per node%n", workspaces, documents, latencyMs, batchSize, nodeCalls);
        Path work = Files.createTempDirectory("syncline-bench-cluster");
        List<String> corpora = new ArrayList<>();
        for (int w = 0; w < workspaces; w++) {
            corpora.add(corpus(work.resolve("corpus-" + w + ".git"), 20_000L + 1000L * w, documents));
        }
        String failoverCorpus = corpus(work.resolve("failover.git"), 90_000L, failoverDocuments);
        Path key = Files.writeString(work.resolve("key"), "bench-key");
        try (FakeEmbeddingServer provider = FakeEmbeddingServer.start()) {
            provider.latency(Duration.ofMillis(latencyMs));
            endpoint = new FakeEndpoint(provider.openAiBaseUrl(), key);
            String embedding = FakeEndpoint.embedding("\"batchSize\":" + batchSize
                    + ",\"maxConcurrency\":64,\"maxRequestsPerMinute\":0,\"maxTokensPerMinute\":0");
            Throughput one = throughput(1, corpora, embedding);
            Throughput three;
            double failover;
            try (Cluster cluster = Cluster.start(3, heapMb, settings())) {
                three = syncAll(cluster, corpora, embedding);
                // The failover measures the cluster, not the provider: a quick provider shows progress at once.
                provider.latency(Duration.ofMillis(failoverLatencyMs));
                failover = failover(cluster, failoverCorpus, embedding);
            }
            double ratio = three.chunksPerSecond() / one.chunksPerSecond();
            System.out.printf(Locale.ROOT, "  one node %.1f chunks/s, three nodes %.1f chunks/s: x%.2f; failover "
                    + "%.1f s%n", one.chunksPerSecond(), three.chunksPerSecond(), ratio, failover);
            return new Result("cluster")
                    .put("workspaces", workspaces)
                    .put("docs_per_workspace", documents)
                    .put("latency_ms", latencyMs)
                    .put("node_calls", nodeCalls)
                    .put("chunks", three.chunks())
                    .put("one_node_s", one.seconds(), 1)
                    .put("three_nodes_s", three.seconds(), 1)
                    .put("one_node_chunks_per_s", one.chunksPerSecond(), 1)
                    .put("three_nodes_chunks_per_s", three.chunksPerSecond(), 1)
                    .put("throughput_ratio", ratio, 2)
                    .put("workspaces_per_node", three.spread())
                    .put("failover_s", failover, 1);
        }
    }

    /** The settings every node of this run gets: its provider calls at once, and no local model loaded. */
    private Map<String, String> settings() {
        return Map.of("syncline.dispatchers.provider.thread-pool-executor.fixed-pool-size", Integer.toString(nodeCalls),
                "syncline.embedding.preload-default-model", "off");
    }

    private Throughput throughput(int nodes, List<String> corpora, String embedding) throws Exception {
        try (Cluster cluster = Cluster.start(nodes, heapMb, settings())) {
            return syncAll(cluster, corpora, embedding);
        }
    }

    /** Creates the workspaces, requests all their syncs at once and waits for every one to complete. */
    private Throughput syncAll(Cluster cluster, List<String> corpora, String embedding) throws Exception {
        int nodes = cluster.size();
        System.out.println("  " + nodes + " node" + (nodes == 1 ? "" : "s") + ": syncing " + corpora.size()
                + " workspaces at once");
        List<NodeClient> apis = cluster.clients();
        endpoint.defineOn(apis.get(0));
        for (int w = 0; w < corpora.size(); w++) {
            NodeClient api = apis.get(w % nodes); // requests spread over the nodes, as a load balancer would
            api.createWorkspace("ws" + w, embedding);
            api.addGitSource("ws" + w, "corpus", corpora.get(w));
        }
        Instant started = Instant.now();
        List<String> jobs = new ArrayList<>();
        for (int w = 0; w < corpora.size(); w++) {
            jobs.add(apis.get(w % nodes).post("/v1/workspaces/ws" + w + "/syncs",
                    "{\"source\":\"corpus\",\"mode\":\"full\"}").get("job").asText());
        }
        Instant finished = started;
        long chunks = 0;
        Map<String, Integer> perNode = new TreeMap<>();
        for (int w = 0; w < corpora.size(); w++) {
            JsonNode job = awaitEnd(apis.get(0), "ws" + w, jobs.get(w));
            Instant end = Instant.parse(job.get("finishedAt").asText());
            finished = end.isAfter(finished) ? end : finished;
            chunks += job.at("/chunks/embedded").asLong();
            perNode.merge(apis.get(0).get("/v1/workspaces/ws" + w).get("node").asText(), 1, Integer::sum);
        }
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "  %d chunks in %.1f s (workspaces per node: %s)%n", chunks, seconds, perNode);
        return new Throughput(chunks, seconds, perNode.values().toString());
    }

    /**
     * Kills the node that hosts a syncing workspace and measures until the job, asked on a surviving node, reports
     * more documents done than when the node died.
     */
    private double failover(Cluster cluster, String corpus, String embedding) throws Exception {
        NodeClient api = cluster.clients().get(0);
        endpoint.defineOn(api);
        api.createWorkspace("failover", embedding);
        api.addGitSource("failover", "corpus", corpus);
        String job = api.post("/v1/workspaces/failover/syncs", "{\"source\":\"corpus\",\"mode\":\"full\"}")
                .get("job").asText();
        JsonNode before = awaitSeen(api, job, 10);
        String host = api.get("/v1/workspaces/failover").get("node").asText();
        NodeJvm victim = cluster.node(host);
        NodeClient survivor = cluster.clientOtherThan(host);
        int seenAtKill = before.at("/documents/seen").asInt();
        System.out.printf("  failover: killing %s (hosts 'failover', %d documents done)%n", host, seenAtKill);
        long killed = System.nanoTime();
        victim.kill();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                JsonNode view = survivor.get("/v1/workspaces/failover/syncs/" + job);
                if (view.at("/documents/seen").asInt() > seenAtKill || !view.get("state").asText().equals("running")) {
                    double seconds = (System.nanoTime() - killed) / 1e9;
                    String nowOn = survivor.get("/v1/workspaces/failover").get("node").asText();
                    System.out.printf(Locale.ROOT, "  failover: progressing again on %s after %.1f s%n", nowOn,
                            seconds);
                    JsonNode end = awaitEnd(survivor, "failover", job);
                    if (!end.get("state").asText().equals("completed")) {
                        throw new IllegalStateException("the failover job ended " + end);
                    }
                    return seconds;
                }
            } catch (IllegalStateException | IOException e) {
                // the workspace is moving: 503s and timeouts until it runs on a survivor
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the failover job made no progress within 3 minutes of the kill");
            }
            Thread.sleep(POLL.toMillis()); // polling the job from a surviving node
        }
    }

    private static JsonNode awaitSeen(NodeClient api, String job, int documents) throws Exception {
        Instant deadline = Instant.now().plus(SYNC_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = api.get("/v1/workspaces/failover/syncs/" + job);
            if (view.at("/documents/seen").asInt() >= documents) {
                if (!view.get("state").asText().equals("running")) {
                    throw new IllegalStateException("the failover job ended before the kill: raise --failover-docs");
                }
                return view;
            }
            Thread.sleep(POLL.toMillis()); // polling the job's progress
        }
        throw new IllegalStateException("the failover job did not reach " + documents + " documents");
    }

    private static JsonNode awaitEnd(NodeClient api, String workspace, String job) throws Exception {
        Instant deadline = Instant.now().plus(SYNC_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = api.get("/v1/workspaces/" + workspace + "/syncs/" + job);
            String state = view.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                if (!state.equals("completed")) {
                    throw new IllegalStateException(workspace + " " + job + " ended " + state + ": " + view);
                }
                return view;
            }
            Thread.sleep(POLL.toMillis()); // polling the job's view; its times come from the node
        }
        throw new IllegalStateException(workspace + " " + job + " did not end within " + SYNC_WITHIN.toMinutes()
                + " min");
    }

    private static String corpus(Path location, long seed, int documents) {
        try (TestRepo repo = TestRepo.bare(location)) {
            TestRepo.Snapshot files = repo.on("main");
            for (int i = 0; i < documents; i++) {
                files.file(String.format("docs/%04d.md", i), TestCorpus.markdown(seed + i, 2 + i % 3));
            }
            files.commit();
            return repo.location().toString();
        }
    }

    private record Throughput(long chunks, double seconds, String spread) {

        double chunksPerSecond() {
            return chunks / seconds;
        }
    }

    /** N node JVMs on one keyspace of their own, started one at a time, dropped with the keyspace at the end. */
    private static final class Cluster implements AutoCloseable {

        private final String keyspace;
        private final List<NodeJvm> nodes;

        private Cluster(String keyspace, List<NodeJvm> nodes) {
            this.keyspace = keyspace;
            this.nodes = nodes;
        }

        static Cluster start(int size, int heapMb, Map<String, String> settings) throws Exception {
            String keyspace = "bench_cluster_" + size + "_" + Long.toString(System.currentTimeMillis(), 36);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ports.add(BenchNode.freePort());
            }
            List<NodeJvm> nodes = new ArrayList<>();
            Cluster cluster = new Cluster(keyspace, nodes);
            try {
                for (int i = 0; i < size; i++) {
                    nodes.add(NodeJvm.member("cluster" + size + "-" + (i + 1), heapMb, keyspace, ports.get(i),
                            ports, settings));
                }
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }

        int size() {
            return nodes.size();
        }

        List<NodeClient> clients() {
            return nodes.stream().filter(NodeJvm::alive).map(n -> new NodeClient(n.httpPort())).toList();
        }

        NodeJvm node(String address) {
            return nodes.stream().filter(n -> n.address().equals(address)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no node of this run at " + address));
        }

        NodeClient clientOtherThan(String address) {
            return nodes.stream().filter(n -> !n.address().equals(address)).findFirst()
                    .map(n -> new NodeClient(n.httpPort())).orElseThrow();
        }

        @Override
        public void close() throws Exception {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            try (var session = BenchCassandra.session()) {
                BenchCassandra.dropKeyspace(session, keyspace);
            }
        }
    }
}
