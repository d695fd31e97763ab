package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmarks' fake OpenAI-compatible provider as an endpoint named {@link #NAME}, serving
 * text-embedding-3-small in 384 dimensions: workspaces name it, and an admin (the benchmark's operator key) defines
 * it on each cluster before they do.
 */
record FakeEndpoint(String baseUrl, Path keyFile) {

    static final String NAME = "fake";

    void defineOn(NodeClient api) throws IOException, InterruptedException {
        api.put("/v1/endpoints/" + NAME, "{\"kind\":\"openai\",\"baseUrl\":" + NodeClient.quote(baseUrl)
                + ",\"apiKeyFile\":" + NodeClient.quote(keyFile.toString())
                + ",\"models\":{\"text-embedding-3-small\":[384]}}");
    }

    /** A workspace's embedding config on this endpoint, with more fields as JSON, say {@code "batchSize":8}. */
    static String embedding(String moreFields) {
        return "{\"endpoint\":\"" + NAME + "\",\"model\":\"text-embedding-3-small\"," + moreFields + "}";
    }
}
