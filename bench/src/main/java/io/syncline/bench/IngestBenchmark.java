package io.syncline.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.baseline.PlainLangChain4j;
import io.syncline.bench.baseline.RawModel;
import io.syncline.bench.corpus.Corpus;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.LocalModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@code ingest}: a full sync of the corpus with an in-process model, against (a) the limit, the same model's
 * {@code embedAll} over exactly the texts Syncline embedded, set up as the node sets it up, and (b) the peer,
 * LangChain4j's ingestor with the same splitter sizes and the model as LangChain4j packages it, into an in-memory
 * store. The packaged model's own rate on the same texts is reported too: the node runs the same ONNX graph on a
 * session of its own ({@code OnnxModel}), and the two rates show what that is worth.
 *
 * <p>The sides take turns in rounds (Syncline, the baselines, Syncline, the baselines, ...), all in this JVM, each
 * after Cassandra has finished compacting, with models loaded and warmed up beforehand. Each round's sync runs on a
 * node and keyspace of its own, so that no round finds the index or the embedding cache of another. The ratios are
 * the medians of the rounds' ratios, with their spread.
 *
 * <p>Each sync must embed exactly the distinct texts its index gained that the cache did not have ({@link NewTexts}),
 * and the run stops if it embedded one more or one fewer.
 *
 * <p>RESULT: {@code docs}, {@code chunks}, {@code chunks_embedded} (equal to {@code distinct_new_texts}),
 * {@code rounds}; medians over the rounds, each with {@code _min} and {@code _max}: {@code syncline_s},
 * {@code raw_model_s}, {@code langchain4j_s}, {@code ratio_vs_raw} (raw_model_s / syncline_s of a round),
 * {@code ratio_vs_langchain4j} (langchain4j_s / syncline_s), and where the sync's CPU went: {@code model_cpu_s}
 * (the node's model threads), {@code node_other_cpu_s} (the rest of this JVM), {@code cassandra_cpu_s} (from the
 * sync's start until Cassandra is quiet again), with {@code node_other_pct_of_model} and
 * {@code cassandra_cpu_ms_per_chunk}.
 */
final class IngestBenchmark {

    static final String ROUNDS = "rounds";
    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, CorpusOptions.SEED, CorpusOptions.REPO, "model",
            ROUNDS);

    private final Options options;

    IngestBenchmark(Options options) {
        this.options = options.allowing(OPTIONS);
    }

    /** A round's sync: the job, where the CPU went, and what the index holds after it. */
    private record SynclineRound(SyncRun sync, CpuMeter.Usage during, CpuMeter.Usage untilQuiet,
                                 IndexedChunks index, int distinctNew) {
    }

    /** A round of both baselines over the same texts and files as the sync. */
    private record BaselineRound(double rawSeconds, PlainLangChain4j.Ingest peer) {
    }

    Result run() throws Exception {
        LocalModel model = Workloads.localModel(options);
        ChunkingSpec chunking = ChunkingSpec.defaultFor(model);
        int rounds = Workloads.rounds(options);
        System.out.println("ingest: " + Machine.describe() + "; model " + model.id() + ", chunks of " + chunking
                + ", " + rounds + " rounds");
        ExecutorService onnxThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (Scratch scratch = new Scratch("ingest");
             Corpus corpus = CorpusOptions.open(options, 2000, scratch.resolve("corpus.git"))) {
            List<SynclineRound> syncs = new ArrayList<>();
            List<BaselineRound> baselines = new ArrayList<>();
            EmbeddingModel same = model.load(onnxThreads); // the model as the node runs it: the limit
            EmbeddingModel packaged = InProcessModels.plain(model); // the model as the peer runs it
            Double packagedRate = null;
            Path checkout = null;
            for (int round = 1; round <= rounds; round++) {
                SynclineRound sync = syncline(round, model, corpus, scratch);
                if (!syncs.isEmpty() && !sync.index().distinctTexts().equals(syncs.get(0).index().distinctTexts())) {
                    throw new IllegalStateException("round " + round + " indexed other texts than round 1");
                }
                syncs.add(sync);
                List<String> texts = sync.index().distinctTexts();
                if (packagedRate == null) {
                    RawModel.embedAll(same, texts.subList(0, Math.min(200, texts.size()))); // warm-up
                    packagedRate = packagedRate(packaged, texts);
                    checkout = corpus.checkout(scratch.resolve("checkout"), sync.index().paths());
                }
                baselines.add(baselines(round, same, packaged, chunking, texts, checkout));
            }
            return result(model, corpus, syncs, baselines, packagedRate);
        } finally {
            onnxThreads.shutdown();
        }
    }

    private static SynclineRound syncline(int round, LocalModel model, Corpus corpus, Scratch scratch)
            throws Exception {
        try (BenchNode node = BenchNode.start("ingest" + round, Map.of())) {
            NodeClient api = new NodeClient(node.httpPort());
            Workloads.warmUp(api, model, scratch.resolve("warmup-" + round + ".git"), corpus.files().size());
            CassandraQuiet.await(node.session());

            System.out.println("round " + round + ", syncline: full sync on a keyspace of its own");
            api.createWorkspace("ingest", Workloads.embedding(model));
            api.addGitSource("ingest", "corpus", corpus.uri());
            NewTexts newTexts = NewTexts.before(node.session(), node.keyspace(), model);
            CpuMeter cpu = CpuMeter.start();
            SyncRun sync = SyncRun.of(api, "ingest", "corpus", "full");
            CpuMeter.Usage during = cpu.used();
            System.out.println("  this JVM's CPU by thread: " + cpu.busiestThreads(8));
            CassandraQuiet.await(node.session());
            CpuMeter.Usage untilQuiet = cpu.used();
            System.out.println("  " + sync.summary() + "\n  " + during + "\n  until Cassandra was quiet: "
                    + untilQuiet);
            IndexedChunks index = IndexedChunks.read(node.session(), node.keyspace(), model.dimension(), "ingest",
                    api.get("/v1/workspaces/ingest").at("/index/active").asText());
            if (index.rows() != sync.embedded() + sync.reused()) {
                throw new IllegalStateException("the index holds " + index.rows() + " chunks, but the job embedded "
                        + sync.embedded() + " and reused " + sync.reused());
            }
            int distinctNew = newTexts.check("the full sync", index.distinctTexts(), sync.embedded());
            return new SynclineRound(sync, during, untilQuiet, index, distinctNew);
        }
    }

    private static BaselineRound baselines(int round, EmbeddingModel same, EmbeddingModel packaged,
                                           ChunkingSpec chunking, List<String> texts, Path checkout) {
        System.out.printf(Locale.ROOT, "round %d, raw model: embedAll of the same %d texts%n", round, texts.size());
        CpuMeter cpu = CpuMeter.start();
        double raw = RawModel.embedAll(same, texts);
        System.out.printf(Locale.ROOT, "  %.2f s, %.1f texts/s%n  %s%n", raw, texts.size() / raw, cpu.used());

        System.out.printf(Locale.ROOT, "round %d, langchain4j: EmbeddingStoreIngestor of the same files%n", round);
        cpu = CpuMeter.start();
        PlainLangChain4j.Ingest peer = new PlainLangChain4j(packaged, chunking).ingest(checkout);
        System.out.printf(Locale.ROOT, "  %.2f s, %d segments%n  %s%n", peer.seconds(), peer.segments(), cpu.used());
        return new BaselineRound(raw, peer);
    }

    /** For reference: the sync's texts through the model as LangChain4j packages it (the peer's model), once. */
    private static double packagedRate(EmbeddingModel packaged, List<String> texts) {
        List<String> sample = texts.subList(0, Math.min(1000, texts.size()));
        RawModel.embedAll(packaged, sample.subList(0, Math.min(200, sample.size()))); // warm-up
        double rate = sample.size() / RawModel.embedAll(packaged, sample);
        System.out.printf(Locale.ROOT, "langchain4j's packaged model: %.1f texts/s on %d of the texts%n", rate,
                sample.size());
        return rate;
    }

    private static Result result(LocalModel model, Corpus corpus, List<SynclineRound> syncs,
                                 List<BaselineRound> baselines, double packagedRate) {
        SynclineRound first = syncs.get(0);
        int texts = first.index().distinctTexts().size();
        List<Double> ratioVsRaw = new ArrayList<>();
        List<Double> ratioVsPeer = new ArrayList<>();
        for (int i = 0; i < syncs.size(); i++) {
            double seconds = syncs.get(i).sync().seconds();
            ratioVsRaw.add(baselines.get(i).rawSeconds() / seconds);
            ratioVsPeer.add(baselines.get(i).peer().seconds() / seconds);
        }
        Spread raw = Spread.of(baselines.stream().map(BaselineRound::rawSeconds).toList());
        Spread cassandra = spread(syncs, round -> round.untilQuiet().cassandra());
        return new Result("ingest")
                .put("model", model.id())
                .put("docs", first.sync().documents())
                .put("bytes", corpus.bytes(first.index().paths()))
                .put("chunks", first.index().rows())
                .put("chunks_embedded", first.sync().embedded())
                .put("distinct_texts", texts)
                .put("distinct_new_texts", first.distinctNew())
                .put("rounds", syncs.size())
                .put("syncline_s", spread(syncs, round -> round.sync().seconds()), 2)
                .put("raw_model_s", raw, 2)
                .put("raw_model_texts_per_s", texts / raw.median(), 1)
                .put("langchain4j_model_texts_per_s", packagedRate, 1)
                .put("langchain4j_s", Spread.of(baselines.stream().map(b -> b.peer().seconds()).toList()), 2)
                .put("langchain4j_segments", baselines.get(0).peer().segments())
                .put("ratio_vs_raw", Spread.of(ratioVsRaw), 3)
                .put("ratio_vs_langchain4j", Spread.of(ratioVsPeer), 3)
                .put("model_cpu_s", spread(syncs, round -> round.during().model()), 1)
                .put("node_other_cpu_s", spread(syncs, round -> round.during().nodeOther()), 1)
                .put("cassandra_cpu_s", cassandra, 1)
                .put("node_other_pct_of_model", Spread.of(syncs.stream()
                        .map(round -> 100 * round.during().nodeOther() / round.during().model()).toList()).median(), 1)
                .put("cassandra_cpu_ms_per_chunk", 1000 * cassandra.median() / first.index().rows(), 2);
    }

    private static Spread spread(List<SynclineRound> rounds, Function<SynclineRound, Double> figure) {
        return Spread.of(rounds.stream().map(figure).toList());
    }
}
