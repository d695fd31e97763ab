package io.syncline.bench;

import java.util.Random;

/**
 * Unit vectors that cluster the way a real corpus's embeddings do: a vector near another is that one moved by
 * Gaussian noise and renormalized, at a cosine of about 0.8 (as a chunk to its neighbours, or a question to its
 * answer).
 */
final class NearVectors {

    private NearVectors() {
    }

    /** A random direction: a unit vector of {@code dimension} components. */
    static float[] random(int dimension, Random random) {
        return near(new float[dimension], 1, random);
    }

    /** A unit vector at a cosine of about 0.8 to the unit vector {@code base}. */
    static float[] near(float[] base, Random random) {
        // with n components, |noise|^2 = n * s^2 = 0.5625 gives a cosine of 1 / sqrt(1.5625) = 0.8
        return near(base, Math.sqrt(0.5625 / base.length), random);
    }

    private static float[] near(float[] base, double noise, Random random) {
        float[] vector = new float[base.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (base[i] + noise * random.nextGaussian());
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
