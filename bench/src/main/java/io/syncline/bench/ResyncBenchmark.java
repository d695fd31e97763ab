package io.syncline.bench;

import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.baseline.PlainLangChain4j;
import io.syncline.bench.corpus.Corpus;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.LocalModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code resync}: after a full sync of the corpus, three incremental syncs — nothing changed, then 1% and then 10% of
 * the files edited in a commit each — every one against what a script around LangChain4j does to bring its index up
 * to date: ingest every file again (its ingestor has no notion of what changed). Both sides use the same in-process
 * model, warmed up beforehand. The steps run in rounds (each round edits other files), each step's sync followed by
 * the peer's re-ingest, and the figures are the medians of the rounds with their spread.
 *
 * <p>Every sync must embed exactly the distinct texts its index gained that the cache did not have ({@link NewTexts}),
 * and the run stops if one embedded one more or one fewer.
 *
 * <p>RESULT: {@code speedup_unchanged}, {@code speedup_1pct}, {@code speedup_10pct} (LangChain4j's seconds over
 * Syncline's, the median of the rounds' with {@code _min} and {@code _max}), with each step's seconds, the chunks
 * Syncline embedded in it (in the last round), and where the sync's CPU went ({@code model_cpu_<step>_s},
 * {@code node_other_cpu_<step>_s}, {@code cassandra_cpu_<step>_s}).
 */
final class ResyncBenchmark {

    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, CorpusOptions.SEED, CorpusOptions.REPO, "model",
            IngestBenchmark.ROUNDS);

    private record Step(String name, double share) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("unchanged", 0), new Step("1pct", 0.01), new Step("10pct", 0.10));

    private final Options options;

    ResyncBenchmark(Options options) {
        this.options = options.allowing(OPTIONS);
    }

    Result run() throws Exception {
        LocalModel model = Workloads.localModel(options);
        ChunkingSpec chunking = ChunkingSpec.defaultFor(model);
        int rounds = Workloads.rounds(options);
        System.out.println("resync: " + Machine.describe() + "; model " + model.id() + ", chunks of " + chunking
                + ", " + rounds + " rounds of the steps");
        try (Scratch scratch = new Scratch("resync");
             Corpus corpus = CorpusOptions.open(options, 500, scratch.resolve("corpus.git"));
             BenchNode node = BenchNode.start("resync", Map.of())) {
            NodeClient api = new NodeClient(node.httpPort());
            Workloads.warmUp(api, model, scratch.resolve("warmup.git"), corpus.files().size());
            api.createWorkspace("resync", Workloads.embedding(model));
            api.addGitSource("resync", "corpus", corpus.uri());
            NewTexts newTexts = NewTexts.before(node.session(), node.keyspace(), model);
            SyncRun full = SyncRun.of(api, "resync", "corpus", "full");
            System.out.println("syncline: full sync\n  " + full.summary());
            IndexedChunks fullIndex = index(node, api, model);
            newTexts.check("the full sync", fullIndex.distinctTexts(), full.embedded());
            List<String> paths = List.copyOf(fullIndex.paths());
            PlainLangChain4j peer = new PlainLangChain4j(InProcessModels.plain(model), chunking);
            peer.ingest(corpus.checkout(scratch.resolve("checkout-warmup"), paths.subList(0, Math.min(30,
                    paths.size())))); // loads the peer's model and compiles its path, as the node's warm-up did

            Result result = new Result("resync").put("model", model.id()).put("docs", full.documents())
                    .put("full_sync_s", full.seconds(), 2).put("chunks_embedded_full", full.embedded())
                    .put("rounds", rounds);
            Map<String, List<Measured>> measured = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Step step : STEPS) {
                    measured.computeIfAbsent(step.name(), name -> new ArrayList<>())
                            .add(step(round, step, node, api, model, corpus, peer, scratch, paths));
                }
            }
            for (Map.Entry<String, List<Measured>> step : measured.entrySet()) {
                List<Measured> each = step.getValue();
                String name = step.getKey();
                result.put("syncline_" + name + "_s", Spread.of(each.stream().map(m -> m.sync().seconds())
                                .toList()), 3)
                        .put("langchain4j_" + name + "_s", Spread.of(each.stream().map(m -> m.peer().seconds())
                                .toList()), 2)
                        .put("chunks_embedded_" + name, each.get(each.size() - 1).sync().embedded())
                        .put("speedup_" + name, Spread.of(each.stream()
                                .map(m -> m.peer().seconds() / m.sync().seconds()).toList()), 1)
                        .put("model_cpu_" + name + "_s", Spread.of(each.stream().map(m -> m.cpu().model())
                                .toList()), 2)
                        .put("node_other_cpu_" + name + "_s", Spread.of(each.stream()
                                .map(m -> m.cpu().nodeOther()).toList()), 2)
                        .put("cassandra_cpu_" + name + "_s", Spread.of(each.stream().map(m -> m.cpu().cassandra())
                                .toList()), 2);
            }
            return result;
        }
    }

    /** One step of a round: the incremental sync, where its CPU went, and the peer's re-ingest after it. */
    private record Measured(SyncRun sync, CpuMeter.Usage cpu, PlainLangChain4j.Ingest peer) {
    }

    private static Measured step(int round, Step step, BenchNode node, NodeClient api, LocalModel model,
                                 Corpus corpus, PlainLangChain4j peer, Scratch scratch, List<String> paths)
            throws Exception {
        if (step.share() > 0) {
            List<String> changed = corpus.change(step.share());
            System.out.printf(Locale.ROOT, "round %d, %s: committed edits to %d files%n", round, step.name(),
                    changed.size());
        } else {
            System.out.printf(Locale.ROOT, "round %d, %s: no commit%n", round, step.name());
        }
        NewTexts newTexts = NewTexts.before(node.session(), node.keyspace(), model);
        CassandraQuiet.await(node.session());
        CpuMeter cpu = CpuMeter.start();
        SyncRun resync = SyncRun.of(api, "resync", "corpus", "incremental");
        CpuMeter.Usage used = cpu.used();
        System.out.println("  syncline incremental sync: " + resync.summary() + "\n  " + used);
        newTexts.check("the " + step.name() + " sync of round " + round, index(node, api, model).distinctTexts(),
                resync.embedded());

        Path checkout = corpus.checkout(scratch.resolve("checkout-" + round + "-" + step.name()), paths);
        PlainLangChain4j.Ingest again = peer.ingest(checkout);
        System.out.printf(Locale.ROOT, "  langchain4j re-ingest of %d files: %.2f s, %d segments%n",
                again.documents(), again.seconds(), again.segments());
        return new Measured(resync, used, again);
    }

    /** What the workspace's searched index holds now. */
    private static IndexedChunks index(BenchNode node, NodeClient api, LocalModel model)
            throws IOException, InterruptedException {
        return IndexedChunks.read(node.session(), node.keyspace(), model.dimension(), "resync",
                api.get("/v1/workspaces/resync").at("/index/active").asText());
    }
}
