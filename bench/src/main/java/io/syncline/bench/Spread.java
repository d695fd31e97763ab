package io.syncline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A figure measured once per round: its median, which the benchmark reports, and its spread, the smallest and the
 * largest round, which say how far one run can be trusted.
 */
record Spread(double median, double min, double max) {

    static Spread of(List<Double> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to take a median of");
        }
        List<Double> sorted = new ArrayList<>(rounds);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1));
    }
}
