package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A workspace's manifest ({@code GET /v1/workspaces/{ws}/manifest}, one NDJSON line per indexed document) and the
 * comparison of two: what a faulty run indexed against what a fault-free run of the same revision indexed. Job ids
 * and times are not part of a line, so equal indexes have equal manifests.
 */
record Manifest(List<Manifest.Line> lines) {

    /** One document: its chunks are the SHA-256 of each chunk's text, in order. */
    record Line(String source, String path, String revision, String contentHash, List<String> chunks) {

        String key() {
            return source + ":" + path;
        }
    }

    static Manifest parse(String ndjson) {
        List<Line> lines = new ArrayList<>();
        for (String text : ndjson.lines().filter(l -> !l.isBlank()).toList()) {
            try {
                JsonNode json = Json.mapper().readTree(text);
                List<String> chunks = new ArrayList<>();
                json.path("chunks").forEach(c -> chunks.add(c.asText()));
                lines.add(new Line(json.path("source").asText(), json.path("path").asText(),
                        json.path("revision").asText(null), json.path("contentHash").asText(null),
                        List.copyOf(chunks)));
            } catch (IOException e) {
                throw new UncheckedIOException("a manifest line is not JSON: " + text, e);
            }
        }
        return new Manifest(List.copyOf(lines));
    }

    /** The lines by "source:path"; a document listed twice is kept once here and reported by {@link #differences}. */
    Map<String, Line> byKey() {
        Map<String, Line> byKey = new LinkedHashMap<>();
        lines.forEach(line -> byKey.putIfAbsent(line.key(), line));
        return byKey;
    }

    int chunkCount() {
        return lines.stream().mapToInt(line -> line.chunks().size()).sum();
    }

    /** Every way this manifest differs from the reference, one sentence each; empty when they are equal. */
    List<String> differences(Manifest reference) {
        List<String> differences = new ArrayList<>();
        differences.addAll(duplicates("this manifest"));
        differences.addAll(reference.duplicates("the reference"));
        Map<String, Line> mine = byKey();
        Map<String, Line> theirs = reference.byKey();
        for (String key : new TreeSet<>(theirs.keySet())) {
            Line expected = theirs.get(key);
            Line actual = mine.get(key);
            if (actual == null) {
                differences.add(key + ": missing (the reference has it with " + expected.chunks().size() + " chunks)");
                continue;
            }
            if (!actual.chunks().equals(expected.chunks())) {
                differences.add(key + ": chunks differ from the reference's " + chunkDifference(actual.chunks(),
                        expected.chunks()));
            }
            if (!java.util.Objects.equals(actual.contentHash(), expected.contentHash())) {
                differences.add(key + ": content hash " + actual.contentHash() + ", the reference's "
                        + expected.contentHash());
            }
            if (!java.util.Objects.equals(actual.revision(), expected.revision())) {
                differences.add(key + ": revision " + actual.revision() + ", the reference's " + expected.revision());
            }
        }
        for (String key : new TreeSet<>(mine.keySet())) {
            if (!theirs.containsKey(key)) {
                differences.add(key + ": indexed, but the reference does not have it");
            }
        }
        return differences;
    }

    private List<String> duplicates(String which) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        lines.forEach(line -> counts.merge(line.key(), 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + ": listed " + e.getValue() + " times in " + which).toList();
    }

    private static String chunkDifference(List<String> actual, List<String> expected) {
        int first = 0;
        while (first < actual.size() && first < expected.size() && actual.get(first).equals(expected.get(first))) {
            first++;
        }
        return "(" + actual.size() + " chunks against " + expected.size() + ", first difference at ordinal " + first
                + ")";
    }
}
