package io.syncline.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the steps of a chaos run took, printed at its end: the module's runs must fit their time budget. Steps
 * may be recorded from several threads (a build in the background).
 */
final class Timings {

    private final Map<String, Duration> steps = new LinkedHashMap<>();
    private final String title;

    Timings() {
        this("chaos run timings:");
    }

    Timings(String title) {
        this.title = title;
    }

    synchronized void record(String step, Duration took) {
        steps.put(step, took);
    }

    void time(String step, Runnable action) {
        Instant begin = Instant.now();
        action.run();
        record(step, Duration.between(begin, Instant.now()));
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder(title);
        steps.forEach((step, took) -> text.append(String.format("%n  %-40s %6.1f s", step, took.toMillis() / 1000.0)));
        return text.toString();
    }
}
