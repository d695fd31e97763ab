package io.syncline.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** One scrape of a node's {@code GET /metrics}, as Prometheus reads it: series and their values. */
record Scrape(int status, String text) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Scrape of(int managementPort) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Scrape(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of the series of this name that carry all these labels ({@code "workspace=a"}); 0 when there are none.
     */
    double value(String name, String... labels) {
        return series(name, labels).stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    List<String> series(String name, String... labels) {
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> {
                    int eq = label.indexOf('=');
                    return line.contains(label.substring(0, eq) + "=\"" + label.substring(eq + 1) + "\"");
                }))
                .toList();
    }

    /** The names of every metric the scrape holds (from its TYPE lines). */
    List<String> names() {
        return text.lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]).toList();
    }
}
