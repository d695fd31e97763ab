package io.syncline.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.syncline.bench.baseline.InProcessModels;
import io.syncline.bench.baseline.PlainLangChain4j;
import io.syncline.bench.baseline.RawModel;
import io.syncline.bench.corpus.Corpus;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.LocalModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ingest}: a full sync of the corpus with an in-process model, against (a) the limit, the same model's
 * {@code embedAll} over exactly the texts Syncline embedded, set up as the node sets it up, and (b) the peer,
 * LangChain4j's ingestor with the same splitter sizes and the model as LangChain4j packages it, into an in-memory
 * store. The packaged model's own rate on the same texts is reported too: the node runs the same ONNX graph on a
 * session of its own ({@code OnnxModel}), and the two rates show what that is worth. All three run in this JVM, one after the other, each after
 * Cassandra has finished compacting, with models loaded and warmed up beforehand.
 *
 * <p>The sync must embed exactly the distinct texts its index gained that the cache did not have ({@link NewTexts}),
 * and the run stops if it embedded one more or one fewer.
 *
 * <p>RESULT: {@code docs}, {@code chunks}, {@code chunks_embedded} (equal to {@code distinct_new_texts}),
 * {@code syncline_s}, {@code raw_model_s}, {@code langchain4j_s}, {@code ratio_vs_raw} (raw_model_s / syncline_s),
 * {@code ratio_vs_langchain4j} (langchain4j_s / syncline_s).
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
            Workloads.warmUp(api, model, scratch.resolve("warmup.git"), corpus.files().size());
            CassandraQuiet.await(node.session());

            System.out.println("syncline: full sync");
            api.createWorkspace("ingest", Workloads.embedding(model));
            api.addGitSource("ingest", "corpus", corpus.uri());
            NewTexts newTexts = NewTexts.before(node.session(), node.keyspace(), model);
            CpuMeter cpu = CpuMeter.start();
            SyncRun sync = SyncRun.of(api, "ingest", "corpus", "full");
            System.out.println("  " + sync.summary() + "\n  " + cpu.report());
            IndexedChunks index = IndexedChunks.read(node.session(), node.keyspace(), model.dimension(), "ingest",
                    api.get("/v1/workspaces/ingest").at("/index/active").asText());
            if (index.rows() != sync.embedded() + sync.reused()) {
                throw new IllegalStateException("the index holds " + index.rows() + " chunks, but the job embedded "
                        + sync.embedded() + " and reused " + sync.reused());
            }
            int distinctNew = newTexts.check("the full sync", index.distinctTexts(), sync.embedded());
            CassandraQuiet.await(node.session());

            ExecutorService onnxThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            EmbeddingModel same = model.load(onnxThreads); // the model as the node runs it: the limit
            List<String> texts = index.distinctTexts();
            RawModel.embedAll(same, texts.subList(0, Math.min(200, texts.size()))); // warm-up
            System.out.printf(Locale.ROOT, "raw model: embedAll of the same %d texts%n", texts.size());
            cpu = CpuMeter.start();
            double raw = RawModel.embedAll(same, texts);
            System.out.printf(Locale.ROOT, "  %.2f s, %.1f texts/s%n  %s%n", raw, texts.size() / raw, cpu.report());
            onnxThreads.shutdown();

            // For reference: the same texts through the model as LangChain4j packages it (the peer's model).
            EmbeddingModel packaged = InProcessModels.plain(model);
            List<String> sample = texts.subList(0, Math.min(1000, texts.size()));
            RawModel.embedAll(packaged, sample.subList(0, Math.min(200, sample.size()))); // warm-up
            double packagedRate = sample.size() / RawModel.embedAll(packaged, sample);
            System.out.printf(Locale.ROOT, "langchain4j's packaged model: %.1f texts/s on %d of the texts%n",
                    packagedRate, sample.size());

            System.out.printf(Locale.ROOT, "langchain4j: EmbeddingStoreIngestor of the same %d files%n",
                    index.paths().size());
            Path checkout = corpus.checkout(scratch.resolve("checkout"), index.paths());
            cpu = CpuMeter.start();
            PlainLangChain4j.Ingest peer = new PlainLangChain4j(packaged, chunking).ingest(checkout);
            System.out.printf(Locale.ROOT, "  %.2f s, %d segments%n  %s%n", peer.seconds(), peer.segments(),
                    cpu.report());

            return new Result("ingest")
                    .put("model", model.id())
                    .put("docs", sync.documents())
                    .put("bytes", corpus.bytes(index.paths()))
                    .put("chunks", index.rows())
                    .put("chunks_embedded", sync.embedded())
                    .put("distinct_texts", texts.size())
                    .put("distinct_new_texts", distinctNew)
                    .put("syncline_s", sync.seconds(), 2)
                    .put("raw_model_s", raw, 2)
                    .put("raw_model_texts_per_s", texts.size() / raw, 1)
                    .put("langchain4j_model_texts_per_s", packagedRate, 1)
                    .put("langchain4j_s", peer.seconds(), 2)
                    .put("langchain4j_segments", peer.segments())
                    .put("ratio_vs_raw", raw / sync.seconds(), 3)
                    .put("ratio_vs_langchain4j", peer.seconds() / sync.seconds(), 3);
        }
    }
}
