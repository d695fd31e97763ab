package io.syncline.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadTest {

    @Test
    void theMedianOfAnOddNumberOfRoundsIsTheMiddleOneWhateverTheirOrder() {
        assertThat(Spread.of(List.of(0.9, 0.7, 0.8))).isEqualTo(new Spread(0.8, 0.7, 0.9));
    }

    @Test
    void theMedianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1.0, 4.0));
        assertThat(Spread.of(List.of(5.0))).isEqualTo(new Spread(5.0, 5.0, 5.0));
    }

    @Test
    void noRoundsHaveNoMedian() {
        assertThatThrownBy(() -> Spread.of(List.of())).hasMessageContaining("no rounds");
    }
}
