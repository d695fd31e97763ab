package io.syncline.testing.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The vectors the fake answers with: a pure function of the text and the dimension, so that a test can compute what
 * a client must have received. Unit length; the same text always gets the same vector and different texts unrelated
 * ones. A shorter vector is the longer one's prefix renormalised, the way OpenAI's text-embedding-3 models shorten
 * theirs. Never a model of meaning: similar texts are no closer than any others.
 */
public final class FakeVectors {

    private FakeVectors() {
    }

    public static float[] of(String text, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        SplitMix64 random = new SplitMix64(seedOf(text));
        double[] values = new double[dimension];
        double sumOfSquares = 0;
        for (int i = 0; i < dimension; i++) {
            values[i] = random.nextDouble() * 2 - 1;
            sumOfSquares += values[i] * values[i];
        }
        double norm = Math.sqrt(sumOfSquares);
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = norm == 0 ? (i == 0 ? 1f : 0f) : (float) (values[i] / norm);
        }
        return vector;
    }

    private static long seedOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
