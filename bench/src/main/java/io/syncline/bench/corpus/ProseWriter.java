package io.syncline.bench.corpus;

import java.util.Random;

/**
 * Markdown prose: sentences of 5 to 26 words with commas, inline code, numbers and links; paragraphs, lists and
 * fenced code under headings, the mix of a project's documentation.
 */
public final class ProseWriter {

    private final Vocabulary vocabulary = Vocabulary.words();
    private final Random random;

    public ProseWriter(Random random) {
        this.random = random;
    }

    /** A Markdown document of about {@code bytes} characters. */
    public String document(int bytes) {
        StringBuilder text = new StringBuilder("# ").append(title()).append("\n\n").append(paragraph()).append("\n\n");
        while (text.length() < bytes) {
            text.append("## ").append(title()).append("\n\n");
            int blocks = 1 + random.nextInt(4);
            for (int b = 0; b < blocks && text.length() < bytes; b++) {
                text.append(block()).append("\n\n");
            }
        }
        return text.toString();
    }

    /** One block of a section: mostly paragraphs, sometimes a list, steps or an example. */
    String block() {
        int kind = random.nextInt(20);
        if (kind < 12) {
            return paragraph();
        }
        if (kind < 15) {
            return list("- ");
        }
        if (kind < 17) {
            return list(null);
        }
        String language = random.nextBoolean() ? "java" : "python";
        return "```" + language + "\n" + new CodeWriter(random).snippet(language, 4 + random.nextInt(14)) + "```";
    }

    String paragraph() {
        StringBuilder paragraph = new StringBuilder();
        int sentences = 2 + random.nextInt(5);
        for (int s = 0; s < sentences; s++) {
            paragraph.append(s == 0 ? "" : " ").append(sentence(5 + random.nextInt(22)));
        }
        return paragraph.toString();
    }

    String sentence(int words) {
        StringBuilder sentence = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sentence.append(random.nextInt(12) == 0 ? ", " : " ");
            }
            sentence.append(w == 0 ? capitalized(vocabulary.word(random)) : term());
        }
        int end = random.nextInt(20);
        return sentence.append(end == 0 ? "?" : end == 1 ? ":" : ".").toString();
    }

    String title() {
        StringBuilder title = new StringBuilder(capitalized(vocabulary.noun(random)));
        int words = 1 + random.nextInt(4);
        for (int w = 0; w < words; w++) {
            title.append(' ').append(vocabulary.word(random));
        }
        return title.toString();
    }

    private String term() {
        int kind = random.nextInt(100);
        if (kind < 4) {
            return "`" + new CodeWriter(random).identifier() + (random.nextBoolean() ? "()" : "") + "`";
        }
        if (kind < 7) {
            return String.valueOf(random.nextInt(kind == 4 ? 10 : 5000));
        }
        if (kind < 8) {
            String noun = vocabulary.noun(random);
            return "[" + noun + "](https://example.org/docs/" + noun + ".html)";
        }
        return vocabulary.word(random);
    }

    private String list(String bullet) {
        StringBuilder list = new StringBuilder();
        int items = 3 + random.nextInt(5);
        for (int i = 0; i < items; i++) {
            list.append(i == 0 ? "" : "\n").append(bullet != null ? bullet : (i + 1) + ". ")
                    .append(sentence(4 + random.nextInt(12)));
        }
        return list.toString();
    }

    static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
