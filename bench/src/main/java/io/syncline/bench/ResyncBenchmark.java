package io.syncline.bench;

import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.baseline.PlainLangChain4j;
import io.syncline.bench.corpus.Corpus;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.LocalModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code resync}: after a full sync of the corpus, three incremental syncs — nothing changed, then 1% and then 10% of
 * the files edited in a commit each — every one against what a script around LangChain4j does to bring its index up
 * to date: ingest every file again (its ingestor has no notion of what changed). Both sides use the same in-process
 * model, warmed up beforehand.
 *
 * <p>Every sync must embed exactly the distinct texts its index gained that the cache did not have ({@link NewTexts}),
 * and the run stops if one embedded one more or one fewer.
 *
 * <p>RESULT: {@code speedup_unchanged}, {@code speedup_1pct}, {@code speedup_10pct} (LangChain4j's seconds over
 * Syncline's), with each step's seconds and the chunks Syncline embedded in it.
 */
final class ResyncBenchmark {

    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, CorpusOptions.SEED, CorpusOptions.REPO, "model");

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
        System.out.println("resync: " + Machine.describe() + "; model " + model.id() + ", chunks of " + chunking);
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
                    .put("full_sync_s", full.seconds(), 2).put("chunks_embedded_full", full.embedded());
            for (Step step : STEPS) {
                if (step.share() > 0) {
                    List<String> changed = corpus.change(step.share());
                    System.out.printf(Locale.ROOT, "%s: committed edits to %d files%n", step.name(), changed.size());
                } else {
                    System.out.println(step.name() + ": no commit");
                }
                newTexts = NewTexts.before(node.session(), node.keyspace(), model);
                CassandraQuiet.await(node.session());
                SyncRun resync = SyncRun.of(api, "resync", "corpus", "incremental");
                System.out.println("  syncline incremental sync: " + resync.summary());
                newTexts.check("the " + step.name() + " sync", index(node, api, model).distinctTexts(),
                        resync.embedded());

                Path checkout = corpus.checkout(scratch.resolve("checkout-" + step.name()), paths);
                PlainLangChain4j.Ingest again = peer.ingest(checkout);
                System.out.printf(Locale.ROOT, "  langchain4j re-ingest of %d files: %.2f s, %d segments%n",
                        again.documents(), again.seconds(), again.segments());
                result.put("syncline_" + step.name() + "_s", resync.seconds(), 3)
                        .put("langchain4j_" + step.name() + "_s", again.seconds(), 2)
                        .put("chunks_embedded_" + step.name(), resync.embedded())
                        .put("speedup_" + step.name(), again.seconds() / resync.seconds(), 1);
            }
            return result;
        }
    }

    /** What the workspace's searched index holds now. */
    private static IndexedChunks index(BenchNode node, NodeClient api, LocalModel model)
            throws IOException, InterruptedException {
        return IndexedChunks.read(node.session(), node.keyspace(), model.dimension(), "resync",
                api.get("/v1/workspaces/resync").at("/index/active").asText());
    }
}
