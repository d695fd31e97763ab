package io.syncline.chunking;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.syncline.embedding.LocalModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizer of one {@link LocalModel}, to count and locate a text's tokens exactly as that model reads them.
 *
 * <p>It must never truncate or pad: the tokenizer definitions shipped with the MiniLM models cut every text at 128
 * tokens, which would make any long text look short. It never counts the marker tokens ([CLS], [SEP]): what it
 * returns are text tokens. There is one instance per model per JVM ({@link #of}); after loading, the native tokenizer
 * is only read, so that instance serves all threads. It must never reach the network: DJL's telemetry and downloads
 * are switched off before its first tokenizer loads.
 */
public final class ModelTokenizer {

    static {
        keepDjlOffline();
    }

    private static final Map<LocalModel, ModelTokenizer> LOADED = new ConcurrentHashMap<>();

    private final LocalModel model;
    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenizer(LocalModel model, HuggingFaceTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** The tokenizer of the model, loaded from the model's own jar on first use. */
    public static ModelTokenizer of(LocalModel model) {
        return LOADED.computeIfAbsent(model, ModelTokenizer::load);
    }

    public LocalModel model() {
        return model;
    }

    /** The text tokens of the whole text, with their places in it and their word numbers. */
    public TokenSpans tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        long[] wordIds = encoding.getWordIds();
        int count = spans.length;
        int[] starts = new int[count];
        int[] ends = new int[count];
        int[] words = new int[count];
        // The native tokenizer reports positions in code points; a String indexes UTF-16 chars, and every character
        // outside the Basic Multilingual Plane (emoji, some CJK) is two of them.
        int[] charIndexOfCodePoint = hasSurrogates(text) ? charIndexOfCodePoint(text) : null;
        int previousStart = 0;
        for (int i = 0; i < count; i++) {
            int start = toCharIndex(spans[i].getStart(), charIndexOfCodePoint);
            int end = toCharIndex(spans[i].getEnd(), charIndexOfCodePoint);
            // Chunks are cut at token starts, so these must never go backwards, even where one character becomes
            // several tokens that all report the same span.
            start = Math.max(start, previousStart);
            starts[i] = start;
            ends[i] = Math.max(end, start);
            words[i] = (int) wordIds[i];
            previousStart = start;
        }
        return new TokenSpans(starts, ends, words);
    }

    /** The number of text tokens of the text on its own, markers not included. */
    public int countTokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    private static ModelTokenizer load(LocalModel model) {
        try (InputStream json = model.openTokenizerJson()) {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
            return new ModelTokenizer(model, tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of model " + model.id(), e);
        }
    }

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int[] charIndexOfCodePoint(String text) {
        int[] index = new int[text.codePointCount(0, text.length()) + 1];
        int codePoint = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            index[codePoint++] = i;
        }
        index[codePoint] = text.length();
        return index;
    }

    private static int toCharIndex(int codePointIndex, int[] charIndexOfCodePoint) {
        return charIndexOfCodePoint == null ? codePointIndex : charIndexOfCodePoint[codePointIndex];
    }

    /**
     * Loading a tokenizer makes DJL look up cloud instance metadata (169.254.169.254) for its telemetry unless told
     * not to, and no process of ours may contact any address but loopback. Runs before any DJL class is used.
     */
    private static void keepDjlOffline() {
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.offline", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
