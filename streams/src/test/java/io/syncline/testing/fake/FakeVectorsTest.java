package io.syncline.testing.fake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FakeVectorsTest {

    @Test
    void theSameTextAlwaysGetsTheSameVector() {
        assertThat(FakeVectors.of("fn main() {}", 384)).containsExactly(FakeVectors.of("fn main() {}", 384));
    }

    @Test
    void differentTextsGetDifferentVectors() {
        assertThat(FakeVectors.of("alpha", 384)).isNotEqualTo(FakeVectors.of("alphb", 384));
        assertThat(FakeVectors.of("", 384)).isNotEqualTo(FakeVectors.of(" ", 384));
    }

    @Test
    void vectorsHaveTheAskedDimensionAndUnitLength() {
        for (int dimension : new int[] {1, 2, 256, 384, 1536}) {
            float[] vector = FakeVectors.of("some text", dimension);

            assertThat(vector).hasSize(dimension);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aShorterVectorIsTheLongerOnesPrefixRenormalised() {
        float[] full = FakeVectors.of("matryoshka", 384);
        float[] shortened = FakeVectors.of("matryoshka", 128);
        double prefixNorm = 0;
        for (int i = 0; i < 128; i++) {
            prefixNorm += full[i] * (double) full[i];
        }
        prefixNorm = Math.sqrt(prefixNorm);

        for (int i = 0; i < 128; i++) {
            assertThat((double) shortened[i]).isCloseTo(full[i] / prefixNorm, within(1e-6));
        }
    }

    @Test
    void unrelatedTextsAreNearlyOrthogonalInHighDimension() {
        float[] a = FakeVectors.of("the cat sat on the mat", 1024);
        float[] b = FakeVectors.of("the cat sat on the mat.", 1024);
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
        }

        // uniform random directions in 1024 dimensions have |cos| around 0.03: far from the 1.0 of a real model
        assertThat(Math.abs(dot)).isLessThan(0.2);
    }

    @Test
    void aDimensionBelowOneIsRefused() {
        assertThatThrownBy(() -> FakeVectors.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * (double) value;
        }
        return Math.sqrt(sum);
    }
}
