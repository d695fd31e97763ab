package io.syncline.bench.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The words of the generated corpus, drawn with Zipf frequencies (the word of rank r has weight 1/r), so that a few
 * words are everywhere and most are rare, as in natural text.
 */
final class Vocabulary {

    private static final Vocabulary WORDS = load();

    private final List<String> words;
    private final double[] cumulative;

    private Vocabulary(List<String> words) {
        this.words = words;
        this.cumulative = new double[words.size()];
        double sum = 0;
        for (int rank = 0; rank < words.size(); rank++) {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
    }

    static Vocabulary words() {
        return WORDS;
    }

    String word(Random random) {
        double point = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, point);
        return words.get(index >= 0 ? index : -index - 1);
    }

    /** A word of the less common half: names of things are rarer than the words around them. */
    String noun(Random random) {
        return words.get(words.size() / 8 + random.nextInt(words.size() - words.size() / 8));
    }

    private static Vocabulary load() {
        try (InputStream in = Vocabulary.class.getResourceAsStream("/corpus/words.txt")) {
            if (in == null) {
                throw new IllegalStateException("corpus/words.txt is missing from the classpath");
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    distinct.addAll(Arrays.asList(line.trim().split("\\s+")));
                }
            }
            distinct.remove("");
            return new Vocabulary(List.copyOf(distinct));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
