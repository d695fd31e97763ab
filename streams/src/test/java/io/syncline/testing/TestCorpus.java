package io.syncline.testing;

import java.util.List;
import java.util.Random;

/**
 * Deterministic documents for sync tests: Markdown prose and Java-like code built from a seed, so that the same
 * seed always gives the same text (and the same chunks), and different seeds give different texts.
 */
public final class TestCorpus {

    private static final List<String> WORDS = List.of("index", "vector", "workspace", "source", "commit",
            "cluster", "shard", "journal", "replica", "token", "chunk", "model", "search", "query", "latency",
            "throughput", "partition", "revision", "branch", "merge", "stream", "buffer", "backpressure", "retry",
            "timeout", "circuit", "breaker", "provider", "embedding", "cache", "hash", "digest", "schema", "table",
            "column", "snapshot", "event", "entity", "actor", "message", "reply", "graph", "stage", "dispatcher",
            "thread", "core", "memory", "disk", "network", "node", "leader", "follower", "quorum", "consistency",
            "durable", "recovery", "checkpoint", "offset", "cursor", "page", "batch", "window", "overlap", "boundary",
            "paragraph", "sentence", "heading", "list", "code", "function", "class", "method", "field", "record");

    private TestCorpus() {
    }

    /** A Markdown document of about {@code paragraphs} paragraphs (each about 40-70 words). */
    public static String markdown(long seed, int paragraphs) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("# ").append(title(random)).append("\n\n");
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0 && p % 3 == 0) {
                text.append("## ").append(title(random)).append("\n\n");
            }
            int sentences = 3 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                text.append(sentence(random)).append(' ');
            }
            text.setLength(text.length() - 1);
            text.append("\n\n");
        }
        return text.toString();
    }

    /** A Java-like source file with {@code methods} small methods. */
    public static String code(long seed, int methods) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("package demo.p" + seed + ";\n\n/** " + sentence(random) + " */\n"
                + "public final class " + capitalized(word(random)) + seed + " {\n");
        for (int m = 0; m < methods; m++) {
            text.append("\n    /** ").append(sentence(random)).append(" */\n")
                    .append("    int ").append(word(random)).append(m).append("(int ").append(word(random))
                    .append(") {\n");
            int lines = 2 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                text.append("        int ").append(word(random)).append(l).append(" = ")
                        .append(random.nextInt(1000)).append(" * ").append(word(random)).append(";\n");
            }
            text.append("        return ").append(random.nextInt(100)).append(";\n    }\n");
        }
        return text.append("}\n").toString();
    }

    private static String title(Random random) {
        return capitalized(word(random)) + " " + word(random) + " " + word(random);
    }

    private static String sentence(Random random) {
        int length = 8 + random.nextInt(10);
        StringBuilder sentence = new StringBuilder(capitalized(word(random)));
        for (int i = 1; i < length; i++) {
            sentence.append(' ').append(word(random));
        }
        return sentence.append('.').toString();
    }

    private static String word(Random random) {
        return WORDS.get(random.nextInt(WORDS.size()));
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
