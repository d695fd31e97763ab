package io.syncline.bench.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small edit as people make them: a few consecutive lines somewhere in the file replaced by new text of the
 * file's kind (prose in documents, a method or function in code).
 */
final class Edit {

    private Edit() {
    }

    static String apply(String text, String path, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        int removed = Math.min(lines.size() - at, random.nextInt(4));
        lines.subList(at, at + removed).clear();
        lines.add(at, insertion(path, random));
        return String.join("\n", lines);
    }

    private static String insertion(String path, Random random) {
        String language = path.endsWith(".java") ? "java" : path.endsWith(".py") ? "python"
                : path.endsWith(".ts") || path.endsWith(".js") ? "typescript" : null;
        if (language == null) {
            return new ProseWriter(random).paragraph();
        }
        return new CodeWriter(random).member(language).stripTrailing();
    }
}
