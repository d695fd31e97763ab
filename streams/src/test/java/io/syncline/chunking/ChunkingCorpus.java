package io.syncline.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Documents of the kinds a repository holds, read from test resources or generated from a fixed seed. */
final class ChunkingCorpus {

    private ChunkingCorpus() {
    }

    /** Every kind of document the chunker must handle, by name. */
    static Map<String, String> documents() {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("markdown guide", resource("guide.md"));
        documents.put("java source", resource("Reconciler.java.txt"));
        documents.put("accents, CJK and emoji", resource("unicode.txt"));
        documents.put("windows line endings", resource("guide.md").replace("\n", "\r\n"));
        documents.put("one long line without spaces", longLineWithoutSpaces(new Random(7)));
        documents.put("only newlines", "\n".repeat(300));
        documents.put("random mix", randomMix(new Random(11), 6_000));
        documents.put("another random mix", randomMix(new Random(12), 6_000));
        return documents;
    }

    static String resource(String name) {
        try (InputStream in = ChunkingCorpus.class.getResourceAsStream("/chunking/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource chunking/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Minified code, a base64 blob and words longer than a whole small chunk, all on one line. */
    static String longLineWithoutSpaces(Random random) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            line.append("var a").append(i).append("=function(b,c){return b*").append(random.nextInt(100))
                    .append("+c.length};");
        }
        byte[] blob = new byte[3_000];
        random.nextBytes(blob);
        line.append(Base64.getEncoder().encodeToString(blob));
        for (int i = 0; i < 10; i++) {
            line.append(';').append(letters(random, 60 + random.nextInt(40)));
        }
        return line.toString();
    }

    /** Fragments of every kind the tokenizer treats differently, in random order and spacing. */
    static String randomMix(Random random, int length) {
        String[] fragments = {
                "word", "Sentence ends here.", "Question?", "Wow!", "e.g.", "\"quoted.\"", "(paren)", "a.b(c);",
                "café", "naïve", "cafe\u0301", "日本語", "这是", "テキスト。", "😀", "ship🚀it", "👨‍👩‍👧", "𝔸𝔹",
                "ǅ", "ﬁne", "İstanbul", "x=1;y=2", "snake_case_name", "CamelCaseName", "3.14159", "--flag",
                "\u00a0", "\t", "\u2028", "\u2029", "\u0000", "\u200b", "tokenization", "#", "- ", "> ",
        };
        String[] separators = {" ", " ", " ", " ", "", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "  \n \n"};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int pick = random.nextInt(fragments.length + 2);
            if (pick == fragments.length) {
                text.append(letters(random, 1 + random.nextInt(140)));
            } else if (pick == fragments.length + 1) {
                text.append(Integer.toHexString(random.nextInt()));
            } else {
                text.append(fragments[pick]);
            }
            text.append(separators[random.nextInt(separators.length)]);
        }
        return text.toString();
    }

    /** Generated Markdown and Java of about the given size, varied enough that the tokenizer has work to do. */
    static String markdownAndCode(Random random, int length) {
        String guide = resource("guide.md");
        String code = resource("Reconciler.java.txt");
        StringBuilder text = new StringBuilder(length + guide.length());
        int section = 0;
        while (text.length() < length) {
            text.append("# Part ").append(++section).append(": ").append(letters(random, 8)).append("\n\n");
            text.append(guide.replace("workspace", letters(random, 6)));
            text.append("\n```java\n").append(code.replace("hash", letters(random, 5))).append("```\n\n");
        }
        return text.toString();
    }

    private static String letters(Random random, int count) {
        StringBuilder letters = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
