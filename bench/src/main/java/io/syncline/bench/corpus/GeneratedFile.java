package io.syncline.bench.corpus;

import java.util.Locale;
import java.util.Random;

/**
 * File number {@code index} of the corpus of {@code seed}: its path and text depend on nothing else, so any file
 * can be made again on its own.
 */
record GeneratedFile(String path, String text) {

    /** Median size and spread of the log-normal size distribution, and its bounds. */
    private static final double MEDIAN_BYTES = 2200;
    private static final double SIGMA = 1.0;
    private static final int MIN_BYTES = 300;
    private static final int MAX_BYTES = 60_000;

    /** Directories the files are spread over. */
    private static final int AREAS = 16;

    static GeneratedFile of(long seed, int index) {
        Random random = new Random(mixed(seed, index));
        int bytes = (int) Math.max(MIN_BYTES, Math.min(MAX_BYTES,
                MEDIAN_BYTES * Math.exp(SIGMA * random.nextGaussian())));
        String area = area(seed, random.nextInt(AREAS));
        String name = new CodeWriter(random).identifier();
        int kind = random.nextInt(20);
        if (kind < 7) {
            return new GeneratedFile(String.format(Locale.ROOT, "docs/%s/%s-%d.md", area, name, index),
                    new ProseWriter(random).document(bytes));
        }
        String language = kind < 14 ? "java" : kind < 17 ? "python" : "typescript";
        String unit = ProseWriter.capitalized(name) + index;
        String path = switch (language) {
            case "java" -> String.format(Locale.ROOT, "src/main/java/org/example/%s/%s.java", area, unit);
            case "python" -> String.format(Locale.ROOT, "tools/%s/%s_%d.py", area, name.toLowerCase(Locale.ROOT),
                    index);
            default -> String.format(Locale.ROOT, "web/src/%s/%s%d.ts", area, name, index);
        };
        return new GeneratedFile(path, new CodeWriter(random).file(language, unit, bytes));
    }

    private static String area(long seed, int number) {
        return Vocabulary.words().noun(new Random(mixed(seed, -1 - number))).toLowerCase(Locale.ROOT);
    }

    /**
     * A seed per file. java.util.Random's first outputs for neighbouring seeds are correlated, so the seed and index
     * are mixed first (the finalizer of MurmurHash3).
     */
    private static long mixed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
