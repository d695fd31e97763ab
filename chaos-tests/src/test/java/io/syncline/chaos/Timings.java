package io.syncline.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long the steps of a chaos run took, printed at its end: the module's runs must fit their time budget. */
final class Timings {

    private final Map<String, Duration> steps = new LinkedHashMap<>();

    void record(String step, Duration took) {
        steps.put(step, took);
    }

    void time(String step, Runnable action) {
        Instant begin = Instant.now();
        action.run();
        record(step, Duration.between(begin, Instant.now()));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("chaos run timings:");
        steps.forEach((step, took) -> text.append(String.format("%n  %-40s %6.1f s", step, took.toMillis() / 1000.0)));
        return text.toString();
    }
}
