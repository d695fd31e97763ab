package io.syncline.bench;

import io.syncline.bench.corpus.Corpus;

import java.nio.file.Path;
import java.util.Locale;

/** The corpus a benchmark runs on: generated ({@code --docs N --seed S}) or copied from {@code --repo PATH}. */
final class CorpusOptions {

    static final String DOCS = "docs";
    static final String SEED = "seed";
    static final String REPO = "repo";

    private CorpusOptions() {
    }

    static Corpus open(Options options, int defaultDocuments, Path location) {
        long seed = options.integer(SEED, 42);
        String repo = options.string(REPO, null);
        long started = System.nanoTime();
        Corpus corpus = repo != null ? Corpus.copyOf(Path.of(repo), location, seed)
                : Corpus.generate(location, options.integer(DOCS, defaultDocuments), seed);
        System.out.printf(Locale.ROOT, "corpus: %s, %d files, %.1f MB, head %s (%.1f s)%n",
                repo != null ? "text files of " + repo : "generated with seed " + seed, corpus.files().size(),
                corpus.bytes() / 1e6, corpus.head().substring(0, 12), (System.nanoTime() - started) / 1e9);
        return corpus;
    }
}
