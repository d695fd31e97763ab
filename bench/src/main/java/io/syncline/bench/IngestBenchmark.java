package io.syncline.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.baseline.PlainLangChain4j;
import io.syncline.bench.baseline.RawModel;
import io.syncline.bench.corpus.Corpus;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.LocalModel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ingest}: a full sync of the corpus with an in-process model, against (a) the limit, the same model's
 * {@code embedAll} over exactly the texts Syncline embedded, and (b) the peer, LangChain4j's ingestor with the same
 * splitter sizes and model into an in-memory store. All three run in this JVM, one after the other, each after
 * Cassandra has finished compacting, with models loaded and warmed up beforehand.
 *
 * <p>RESULT: {@code docs}, {@code chunks}, {@code syncline_s}, {@code raw_model_s}, {@code langchain4j_s},
 * {@code ratio_vs_raw} (raw_model_s / syncline_s), {@code ratio_vs_langchain4j} (langchain4j_s / syncline_s).
 */
final class IngestBenchmark {

    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, CorpusOptions.SEED, CorpusOptions.REPO, "model");

    private final Options options;

    IngestBenchmark(Options options) {
        this.options = options.allowing(OPTIONS);
    }

    Result run() throws Exception {
        LocalModel model = Workloads.localModel(options);
        ChunkingSpec chunking = ChunkingSpec.defaultFor(model);
        System.out.println("ingest: " + Machine.describe() + "; model " + model.id() + ", chunks of " + chunking);
        try (Scratch scratch = new Scratch("ingest");
             Corpus corpus = CorpusOptions.open(options, 2000, scratch.resolve("corpus.git"));
             BenchNode node = BenchNode.start("ingest", Map.of())) {
            NodeClient api = new NodeClient(node.httpPort());
            Workloads.warmUp(api, model, scratch.resolve("warmup.git"));
            CassandraQuiet.await(node.session());

            System.out.println("syncline: full sync");
            api.createWorkspace("ingest", Workloads.embedding(model));
            api.addGitSource("ingest", "corpus", corpus.uri());
            CpuMeter cpu = CpuMeter.start();
            SyncRun sync = SyncRun.of(api, "ingest", "corpus", "full");
            System.out.println("  " + sync.summary() + "\n  " + cpu.report());
            IndexedChunks index = IndexedChunks.read(node.session(), node.keyspace(), model.dimension(), "ingest",
                    api.get("/v1/workspaces/ingest").at("/index/active").asText());
            if (index.distinctTexts().size() != sync.embedded()) {
                throw new IllegalStateException("the index holds " + index.distinctTexts().size()
                        + " distinct texts, but the job embedded " + sync.embedded());
            }
            CassandraQuiet.await(node.session());

            EmbeddingModel plain = InProcessModels.plain(model);
            RawModel.embedAll(plain, index.distinctTexts().subList(0, Math.min(200, sync.embedded()))); // warm-up
            System.out.printf(Locale.ROOT, "raw model: embedAll of the same %d texts%n", sync.embedded());
            cpu = CpuMeter.start();
            double raw = RawModel.embedAll(plain, index.distinctTexts());
            System.out.printf(Locale.ROOT, "  %.2f s, %.1f texts/s%n  %s%n", raw, sync.embedded() / raw, cpu.report());

            System.out.printf(Locale.ROOT, "langchain4j: EmbeddingStoreIngestor of the same %d files%n",
                    index.paths().size());
            Path checkout = corpus.checkout(scratch.resolve("checkout"), index.paths());
            cpu = CpuMeter.start();
            PlainLangChain4j.Ingest peer = new PlainLangChain4j(plain, chunking).ingest(checkout);
            System.out.printf(Locale.ROOT, "  %.2f s, %d segments%n  %s%n", peer.seconds(), peer.segments(),
                    cpu.report());

            return new Result("ingest")
                    .put("model", model.id())
                    .put("docs", sync.documents())
                    .put("bytes", corpus.bytes(index.paths()))
                    .put("chunks", index.rows())
                    .put("chunks_embedded", sync.embedded())
                    .put("syncline_s", sync.seconds(), 2)
                    .put("raw_model_s", raw, 2)
                    .put("langchain4j_s", peer.seconds(), 2)
                    .put("langchain4j_segments", peer.segments())
                    .put("ratio_vs_raw", raw / sync.seconds(), 3)
                    .put("ratio_vs_langchain4j", peer.seconds() / sync.seconds(), 3);
        }
    }
}
