package io.syncline.bench;

import io.syncline.bench.corpus.Corpus;
import io.syncline.embedding.LocalModel;

import java.io.IOException;
import java.nio.file.Path;

/** What several benchmarks do the same way: pick the model, describe it to the API, warm a node up. */
final class Workloads {

    private Workloads() {
    }

    static LocalModel localModel(Options options) {
        String id = options.string("model", LocalModel.DEFAULT.id());
        return LocalModel.byId(id).orElseThrow(() -> new IllegalArgumentException(
                "--model must be one of " + LocalModel.knownIds() + ", was '" + id + "'"));
    }

    /** {@code --rounds}: how often the sides take turns, 3 by default. */
    static int rounds(Options options) {
        int rounds = options.integer(IngestBenchmark.ROUNDS, 3);
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be between 1 and 20, was " + rounds);
        }
        return rounds;
    }

    static String embedding(LocalModel model) {
        return "{\"provider\":\"local\",\"model\":\"" + model.id() + "\"}";
    }

    /**
     * Syncs a small corpus of its own (60 documents, fewer for a smaller measured corpus) into a workspace of its
     * own, so that the measured sync finds the model loaded and the code paths compiled, as the baselines do (their
     * texts differ, so nothing is cached for later).
     */
    static void warmUp(NodeClient api, LocalModel model, Path location, int corpusDocuments)
            throws IOException, InterruptedException {
        try (Corpus warmup = Corpus.generate(location, Math.min(60, corpusDocuments), -1)) {
            api.createWorkspace("warmup", embedding(model));
            api.addGitSource("warmup", "corpus", warmup.uri());
            System.out.println("warm-up: " + SyncRun.of(api, "warmup", "corpus", "full").summary());
        }
    }
}
