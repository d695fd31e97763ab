package io.syncline.bench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Search queries in the corpus's words, as people type them: a question or a few keywords, all distinct. */
public final class Queries {

    private static final String[] OPENINGS = {"how do I", "why does", "where is", "what happens when", "how to",
        "example of", "configure", "error when"};

    private Queries() {
    }

    public static List<String> generate(int count, long seed) {
        Vocabulary vocabulary = Vocabulary.words();
        Random random = new Random(seed);
        Set<String> queries = new LinkedHashSet<>();
        while (queries.size() < count) {
            StringBuilder query = new StringBuilder();
            if (random.nextBoolean()) {
                query.append(OPENINGS[random.nextInt(OPENINGS.length)]).append(' ');
            }
            int words = 2 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                query.append(w == 0 ? "" : " ")
                        .append(w % 2 == 0 ? vocabulary.noun(random) : vocabulary.word(random));
            }
            queries.add(query.toString());
        }
        return new ArrayList<>(queries);
    }
}
