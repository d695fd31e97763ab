package io.syncline.bench;

import io.syncline.bench.corpus.Corpus;
import io.syncline.testing.fake.FakeEmbeddingServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code memory}: a full sync of the corpus into a node in a JVM of its own, with a fixed heap, through the fake
 * OpenAI-compatible provider with no latency and no limit, so that the node reads, chunks, embeds and writes as fast
 * as it can and holds as much in flight as it ever will. How much memory does the node need for it?
 *
 * <p>RESULT: {@code peak_heap_mb} (the largest heap after any collection in the node's GC log), {@code peak_rss_mb}
 * (the node process's peak resident memory), {@code gcs} (the collections they come from).
 */
final class MemoryBenchmark {

    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, CorpusOptions.SEED, CorpusOptions.REPO, "heap");

    private static final int BATCH_SIZE = 64;
    private static final int CONCURRENCY = 4;

    private final Options options;
    private final String heap;
    private final int heapMb;

    MemoryBenchmark(Options options) {
        this.options = options.allowing(OPTIONS);
        this.heap = options.string("heap", "1g");
        this.heapMb = megabytes(heap);
    }

    Result run() throws Exception {
        System.out.println("memory: " + Machine.describe() + "; node heap " + heap + ", provider batch " + BATCH_SIZE
                + ", concurrency " + CONCURRENCY);
        try (Scratch scratch = new Scratch("memory");
             Corpus corpus = CorpusOptions.open(options, 10000, scratch.resolve("corpus.git"));
             FakeEmbeddingServer provider = FakeEmbeddingServer.start();
             NodeJvm node = NodeJvm.start("memory", heapMb)) {
            System.out.println("node: pid " + node.pid() + ", home " + node.home() + " (node.log, gc.log)");
            Path key = Files.writeString(scratch.resolve("key"), "bench-key");
            NodeClient api = new NodeClient(node.httpPort());
            new FakeEndpoint(provider.openAiBaseUrl(), key).defineOn(api);
            api.createWorkspace("memory", FakeEndpoint.embedding("\"batchSize\":" + BATCH_SIZE
                    + ",\"maxConcurrency\":" + CONCURRENCY + ",\"maxRequestsPerMinute\":0,\"maxTokensPerMinute\":0"));
            api.addGitSource("memory", "corpus", corpus.uri());

            System.out.println("syncline: full sync");
            SyncRun sync = SyncRun.of(api, "memory", "corpus", "full");
            long peakRss = node.peakRssMb();
            GcLog gc = node.gcLog();
            System.out.printf(Locale.ROOT, "  %s%n  %d requests to the provider%n", sync.summary(),
                    provider.requests().size());
            System.out.printf(Locale.ROOT, "  %d collections: peak heap after GC %d MB, after the last mixed or full "
                    + "%s; peak RSS %d MB%n", gc.collections(), gc.peakAfterMb(),
                    gc.lastReclaimingMb() < 0 ? "(none)" : gc.lastReclaimingMb() + " MB", peakRss);
            return new Result("memory")
                    .put("docs", sync.documents())
                    .put("chunks", sync.embedded() + sync.reused())
                    .put("heap", heap)
                    .put("gcs", gc.collections())
                    .put("peak_heap_mb", gc.peakAfterMb())
                    .put("peak_rss_mb", peakRss)
                    .put("syncline_s", sync.seconds(), 2);
        }
    }

    /** {@code 768m} or {@code 1g} (what -Xmx takes, in whole megabytes) as megabytes. */
    private static int megabytes(String size) {
        if (!size.matches("\\d{1,6}[mMgG]")) {
            throw new IllegalArgumentException("--heap must be a size in m or g (768m, 1g), was '" + size + "'");
        }
        int amount = Integer.parseInt(size.substring(0, size.length() - 1));
        return Character.toLowerCase(size.charAt(size.length() - 1)) == 'g' ? amount * 1024 : amount;
    }
}
