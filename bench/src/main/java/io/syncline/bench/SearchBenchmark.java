package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.corpus.Corpus;
import io.syncline.bench.corpus.Queries;
import io.syncline.embedding.LocalModel;
import io.syncline.store.DocumentRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code search}: a workspace of N chunks searched over HTTP by C concurrent clients (each sends a query, waits for
 * the answer, sends the next) for a fixed number of distinct queries, against the same ANN query sent by C clients
 * straight to Cassandra with the driver, its query vectors embedded beforehand. Syncline's side is the production
 * path: the API, the query embedded by the workspace's in-process model, the ANN query, the answer as JSON. The two
 * sides take turns over four rounds, each with queries of its own, so that neither gains from caches the other
 * warmed.
 *
 * <p>The index is a real sync of a generated corpus grown to N chunks by {@link SyntheticChunks}. Loading 100,000
 * chunks takes minutes (Cassandra indexes every vector as it is written), so the keyspace {@code bench_search_N} is
 * kept for the next run unless {@code --keep no}.
 *
 * <p>RESULT: {@code p50_ms}, {@code p95_ms}, {@code p99_ms}, {@code qps} of Syncline as its clients see it,
 * {@code node_p50_ms} (the median of the node's own {@code tookMs}), the same of the raw queries ({@code raw_...}),
 * {@code ratio_vs_raw_cql} (Syncline's p95 over the raw p95 of a round: the median of the rounds, with
 * {@code _min} and {@code _max}), and where a query's CPU went, medians of the rounds: {@code model_cpu_ms_per_query}
 * (embedding the query), {@code node_other_cpu_ms_per_query} (the rest of this JVM: node and clients),
 * {@code cassandra_cpu_ms_per_query}, and Cassandra's for a raw query, {@code raw_cassandra_cpu_ms_per_query}.
 */
final class SearchBenchmark {

    static final Set<String> OPTIONS = Set.of("chunks", "clients", "queries", "k", "keep", "model");

    private static final String WORKSPACE = "search";
    private static final int ROUNDS = 4;

    private final Options options;
    private final int chunks;
    private final int clients;
    private final int queries;
    private final int k;
    private final boolean keep;

    SearchBenchmark(Options options) {
        this.options = options.allowing(OPTIONS);
        this.chunks = options.integer("chunks", 100_000);
        this.clients = options.integer("clients", 8);
        this.queries = options.integer("queries", 2000);
        this.k = options.integer("k", 10);
        String keepOption = options.string("keep", "yes");
        if (!keepOption.equals("yes") && !keepOption.equals("no")) {
            throw new IllegalArgumentException("--keep must be yes or no, was '" + keepOption + "'");
        }
        this.keep = keepOption.equals("yes");
    }

    Result run() throws Exception {
        LocalModel model = Workloads.localModel(options);
        System.out.println("search: " + Machine.describe() + "; model " + model.id() + ", " + chunks + " chunks, "
                + clients + " clients, " + queries + " queries, k " + k);
        String keyspace = "bench_search_" + chunks + "_" + model.id().replaceAll("[^a-z0-9]", "");
        boolean loaded = loadedBefore(keyspace, model);
        int warmUp = Math.min(500, Math.max(50, queries / 4));
        // distinct queries for each side, so that neither finds the other's query paths in Cassandra's caches
        List<String> texts = Queries.generate(2 * (warmUp + queries), 7);
        int rawOffset = warmUp + queries;
        try (Scratch scratch = new Scratch("search");
             BenchNode node = BenchNode.start(keyspace, Map.of(), !keep)) {
            NodeClient api = new NodeClient(node.httpPort());
            if (loaded) {
                System.out.println("index: reusing the " + chunks + " chunks loaded into keyspace " + keyspace
                        + " by an earlier run (--keep no loads them again and drops them after)");
            } else {
                load(api, node, model, scratch);
            }
            String generation = api.get("/v1/workspaces/" + WORKSPACE).at("/index/active").asText();
            CassandraQuiet.await(node.session());

            String search = "/v1/workspaces/" + WORKSPACE + "/search";
            long[] tookMs = new long[warmUp + queries]; // the node's own measure, from request parsed to answer built
            ClosedLoop.Call viaApi = i -> {
                JsonNode answer = api.post(search, "{\"query\":" + NodeClient.quote(texts.get(i)) + ",\"k\":" + k
                        + "}");
                expectHits(answer.get("results").size(), texts.get(i));
                tookMs[i] = answer.get("tookMs").asLong();
            };

            List<CqlVector<Float>> vectors = embed(InProcessModels.plain(model), texts.subList(rawOffset,
                    texts.size()));
            CqlSession session = node.session();
            PreparedStatement ann = session.prepare("SELECT source, path, ordinal, text, revision, "
                    + "similarity_cosine(embedding, :query) AS score FROM " + keyspace + ".chunks_d"
                    + model.dimension() + " WHERE filter_index = :filter_index ORDER BY embedding ANN OF :query "
                    + "LIMIT :k");
            String filterIndex = DocumentRef.filterIndex(WORKSPACE, generation);
            ClosedLoop.Call raw = i -> {
                ResultSet rows = session.execute(ann.boundStatementBuilder()
                        .setVector("query", vectors.get(i), Float.class).setString("filter_index", filterIndex)
                        .setInt("k", k).build());
                expectHits(rows.all().size(), texts.get(rawOffset + i));
            };

            System.out.println("syncline: POST " + search + "; raw cql: the same ANN query with the driver, query "
                    + "vectors embedded beforehand. " + warmUp + " queries each to warm up, then " + queries
                    + " each in " + ROUNDS + " rounds, taking turns to go first");
            ClosedLoop.run(clients, warmUp, viaApi);
            ClosedLoop.run(clients, warmUp, raw);
            List<ClosedLoop.Run> synclineRuns = new ArrayList<>();
            List<ClosedLoop.Run> rawRuns = new ArrayList<>();
            List<CpuMeter.Usage> synclineCpu = new ArrayList<>();
            List<CpuMeter.Usage> rawCpu = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int from = warmUp + round * queries / ROUNDS;
                int to = warmUp + (round + 1) * queries / ROUNDS;
                ClosedLoop.Call synclineSlice = i -> viaApi.send(from + i);
                ClosedLoop.Call rawSlice = i -> raw.send(from + i);
                if (round % 2 == 0) {
                    measure(synclineRuns, synclineCpu, clients, to - from, synclineSlice);
                    measure(rawRuns, rawCpu, clients, to - from, rawSlice);
                } else {
                    measure(rawRuns, rawCpu, clients, to - from, rawSlice);
                    measure(synclineRuns, synclineCpu, clients, to - from, synclineSlice);
                }
                ClosedLoop.Latencies ours = ClosedLoop.Latencies.of(synclineRuns.subList(round, round + 1));
                ClosedLoop.Latencies theirs = ClosedLoop.Latencies.of(rawRuns.subList(round, round + 1));
                ratios.add(ours.p95() / theirs.p95());
                System.out.printf(Locale.ROOT, "  round %d: syncline p50 %.1f ms, p95 %.1f ms, %s; raw p50 %.1f ms,"
                                + " p95 %.1f ms, %s%n", round + 1, ours.p50(), ours.p95(),
                        synclineCpu.get(round), theirs.p50(), theirs.p95(), rawCpu.get(round));
            }
            ClosedLoop.Latencies syncline = ClosedLoop.Latencies.of(synclineRuns);
            ClosedLoop.Latencies direct = ClosedLoop.Latencies.of(rawRuns);
            long[] measured = Arrays.copyOfRange(tookMs, warmUp, tookMs.length);
            Arrays.sort(measured);
            long tookP50 = measured[measured.length / 2];
            System.out.println("  syncline: " + syncline.summary() + "; inside the node (tookMs) p50 " + tookP50
                    + " ms\n  raw cql:  " + direct.summary());
            double perRound = (double) queries / ROUNDS;

            return new Result("search").put("model", model.id()).put("chunks", chunks).put("clients", clients)
                    .put("queries", queries).put("k", k).put("rounds", ROUNDS)
                    .put("p50_ms", syncline.p50(), 1).put("p95_ms", syncline.p95(), 1)
                    .put("p99_ms", syncline.p99(), 1).put("qps", syncline.qps(), 1).put("node_p50_ms", tookP50)
                    .put("raw_p50_ms", direct.p50(), 1).put("raw_p95_ms", direct.p95(), 1)
                    .put("raw_p99_ms", direct.p99(), 1).put("raw_qps", direct.qps(), 1)
                    .put("ratio_vs_raw_cql", Spread.of(ratios), 2)
                    .put("model_cpu_ms_per_query", perQuery(synclineCpu, CpuMeter.Usage::model, perRound), 2)
                    .put("node_other_cpu_ms_per_query", perQuery(synclineCpu, CpuMeter.Usage::nodeOther, perRound),
                            2)
                    .put("cassandra_cpu_ms_per_query", perQuery(synclineCpu, CpuMeter.Usage::cassandra, perRound),
                            2)
                    .put("raw_cassandra_cpu_ms_per_query", perQuery(rawCpu, CpuMeter.Usage::cassandra, perRound),
                            2);
        }
    }

    private static void measure(List<ClosedLoop.Run> runs, List<CpuMeter.Usage> cpu, int clients, int requests,
                                ClosedLoop.Call call) throws Exception {
        CpuMeter meter = CpuMeter.start();
        runs.add(ClosedLoop.run(clients, requests, call));
        cpu.add(meter.used());
    }

    /** The median over the rounds of a CPU figure, in milliseconds a query. */
    private static double perQuery(List<CpuMeter.Usage> rounds, ToDoubleFunction<CpuMeter.Usage> figure,
                                   double queriesPerRound) {
        return Spread.of(rounds.stream().map(round -> 1000 * figure.applyAsDouble(round) / queriesPerRound)
                .toList()).median();
    }

    private void expectHits(int hits, String query) {
        if (hits != Math.min(k, chunks)) {
            throw new IllegalStateException("'" + query + "' found " + hits + " chunks, expected " + k);
        }
    }

    /** Syncs a generated corpus into the workspace, grows it to N chunks and marks the keyspace as loaded. */
    private void load(NodeClient api, BenchNode node, LocalModel model, Scratch scratch) throws Exception {
        // about one real chunk in 40 (200 documents at 100,000 chunks): enough distinct texts to grow from
        int documents = Math.max(10, Math.min(200, chunks / 500));
        System.out.println("index: syncing " + documents + " generated documents, then adding synthetic chunks up to "
                + chunks);
        try (Corpus corpus = Corpus.generate(scratch.resolve("corpus.git"), documents, 42)) {
            api.createWorkspace(WORKSPACE, Workloads.embedding(model));
            api.addGitSource(WORKSPACE, "corpus", corpus.uri());
            System.out.println("  " + SyncRun.of(api, WORKSPACE, "corpus", "full").summary());
        }
        String generation = api.get("/v1/workspaces/" + WORKSPACE).at("/index/active").asText();
        SyntheticChunks.grow(node.session(), node.keyspace(), model.dimension(), WORKSPACE, generation, "corpus",
                chunks);
        node.session().execute("CREATE TABLE IF NOT EXISTS " + node.keyspace()
                + ".bench_loaded (id text PRIMARY KEY, chunks int, model text)");
        node.session().execute(SimpleStatement.newInstance("INSERT INTO " + node.keyspace()
                + ".bench_loaded (id, chunks, model) VALUES ('search', ?, ?)", chunks, model.id()));
    }

    /**
     * True when an earlier run loaded this keyspace completely; a keyspace left half loaded (a run stopped while
     * loading) is dropped, so that the load starts over.
     */
    private boolean loadedBefore(String keyspace, LocalModel model) {
        try (CqlSession session = BenchCassandra.session()) {
            try {
                Row marker = session.execute("SELECT chunks, model FROM " + keyspace
                        + ".bench_loaded WHERE id = 'search'").one();
                if (keep && marker != null && marker.getInt("chunks") == chunks
                        && model.id().equals(marker.getString("model"))) {
                    return true;
                }
            } catch (InvalidQueryException noKeyspaceOrTable) {
                // not loaded
            }
            BenchCassandra.dropKeyspace(session, keyspace);
            return false;
        }
    }

    private static List<CqlVector<Float>> embed(EmbeddingModel model, List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> CqlVector.newInstance(embedding.vectorAsList())).toList();
    }
}
