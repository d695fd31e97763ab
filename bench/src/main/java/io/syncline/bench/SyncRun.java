package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One sync through the API, timed from the request to the finish the node records for the job (so the time does
 * not depend on how often the benchmark polls), with a progress line every 5 s while it runs.
 *
 * @param job     the job's final view
 * @param seconds from the request to the job's finishedAt
 */
record SyncRun(JsonNode job, double seconds) {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    static SyncRun of(NodeClient api, String workspace, String source, String mode)
            throws IOException, InterruptedException {
        Instant requested = Instant.now();
        String jobId = api.post("/v1/workspaces/" + workspace + "/syncs",
                "{\"source\":" + NodeClient.quote(source) + ",\"mode\":\"" + mode + "\"}").get("job").asText();
        Instant nextProgress = requested.plus(PROGRESS_EVERY);
        while (true) {
            JsonNode job = api.get("/v1/workspaces/" + workspace + "/syncs/" + jobId);
            String state = job.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                if (!state.equals("completed")) {
                    throw new IllegalStateException("sync " + jobId + " ended " + state + ": " + job);
                }
                return new SyncRun(job, Duration.between(requested, Instant.parse(job.get("finishedAt").asText()))
                        .toNanos() / 1e9);
            }
            if (Instant.now().isAfter(nextProgress)) {
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
                System.out.printf(Locale.ROOT, "  %6.0f s  %s: %d documents, %d chunks embedded, %d reused%n",
                        Duration.between(requested, Instant.now()).toMillis() / 1000.0, state,
                        job.at("/documents/seen").asInt(), job.at("/chunks/embedded").asInt(),
                        job.at("/chunks/reused").asInt());
            }
            Thread.sleep(POLL.toMillis()); // polling the job's view; the time comes from the node
        }
    }

    int documents() {
        return job.at("/documents/seen").asInt();
    }

    int embedded() {
        return job.at("/chunks/embedded").asInt();
    }

    int reused() {
        return job.at("/chunks/reused").asInt();
    }

    String summary() {
        return String.format(Locale.ROOT, "%.2f s, %d documents seen (%d added, %d changed, %d deleted), "
                        + "%d chunks embedded, %d reused", seconds, documents(), job.at("/documents/added").asInt(),
                job.at("/documents/changed").asInt(), job.at("/documents/deleted").asInt(), embedded(), reused());
    }
}
