package io.syncline.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each API's request and answer formats, as a client reading the raw JSON sees them. */
class WireFormatTest {

    private FakeEmbeddingServer server;
    private HttpProbe http;

    @BeforeEach
    void start() throws Exception {
        server = FakeEmbeddingServer.start();
        http = new HttpProbe(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void openAiAnswersAListOfEmbeddingObjectsWithUsage() {
        HttpResponse<String> response = http.post("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two words\"],\"dimensions\":8}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = HttpProbe.json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.get("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = body.get("data").get(i);
            assertThat(item.get("object").asText()).isEqualTo("embedding");
            assertThat(item.get("index").asInt()).isEqualTo(i);
        }
        assertThat(HttpProbe.floats(body.get("data").get(1).get("embedding")))
                .containsExactly(FakeVectors.of("two words", 8));
        assertThat(body.get("usage").get("prompt_tokens").asInt()).isEqualTo(1 + 3);
        assertThat(body.get("usage").get("total_tokens").asInt()).isEqualTo(1 + 3);
    }

    @Test
    void openAiTakesASingleStringAsOneInputAndUsesTheDefaultDimension() {
        server.dimensions(12);

        JsonNode body = HttpProbe.json(http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"alone\"}"));

        assertThat(HttpProbe.floats(body.get("data").get(0).get("embedding")))
                .containsExactly(FakeVectors.of("alone", 12));
    }

    @Test
    void openAiSendsLittleEndianFloat32InBase64WhenAskedTo() {
        JsonNode body = HttpProbe.json(http.post("/v1/embeddings",
                "{\"model\":\"m\",\"input\":[\"packed\"],\"dimensions\":16,\"encoding_format\":\"base64\"}"));

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(body.get("data").get(0).get("embedding")
                .asText())).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(FakeVectors.of("packed", 16));
    }

    @Test
    void openAiRefusesARequestWithoutInputInItsErrorShape() {
        HttpResponse<String> response = http.post("/v1/embeddings", "{\"model\":\"m\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = HttpProbe.json(response).get("error");
        assertThat(error.get("message").asText()).contains("'input'");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("input");
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void openAiRefusesABodyThatIsNotJson() {
        HttpResponse<String> response = http.post("/v1/embeddings", "{\"model\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HttpProbe.json(response).get("error").get("message").asText()).contains("JSON");
    }

    @Test
    void openAiAndCohereRefuseARequestWithoutApiKey() {
        for (String path : new String[] {"/v1/embeddings", "/v1/embed"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"input\":[\"x\"],\"texts\":[\"x\"]}")));

            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void ollamaAnswersItsEmbeddingsArrayWithoutApiKey() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/embed"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"nomic-embed-text\",\"input\":[\"a\",\"b\"],\"dimensions\":4}")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = HttpProbe.json(response);
        assertThat(body.get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(body.get("embeddings")).hasSize(2);
        assertThat(HttpProbe.floats(body.get("embeddings").get(0))).containsExactly(FakeVectors.of("a", 4));
        assertThat(body.get("prompt_eval_count").asInt()).isEqualTo(2);
    }

    @Test
    void ollamaErrorsAreAnErrorString() {
        server.faults(FaultPlans.always(Fault.status(500, "llama runner process has terminated")));

        HttpResponse<String> response = http.post("/api/embed", "{\"model\":\"m\",\"input\":\"a\"}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(HttpProbe.json(response).get("error").asText()).isEqualTo("llama runner process has terminated");
    }

    @Test
    void cohereAnswersItsV1ShapeWithBilledUnits() {
        HttpResponse<String> response = http.post("/v1/embed",
                "{\"texts\":[\"first\",\"second\"],\"model\":\"embed-english-v3.0\",\"input_type\":\"search_document\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = HttpProbe.json(response);
        assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
        assertThat(body.get("texts")).extracting(JsonNode::asText).containsExactly("first", "second");
        assertThat(HttpProbe.floats(body.get("embeddings").get(1))).containsExactly(FakeVectors.of("second", 384));
        assertThat(body.get("meta").get("api_version").get("version").asText()).isEqualTo("1");
        assertThat(body.get("meta").get("billed_units").get("input_tokens").asInt()).isEqualTo(4);
        assertThat(body.get("response_type").asText()).isEqualTo("embeddings_floats");
    }

    @Test
    void cohereAnswersEmbeddingsByTypeWhenFloatsAreAskedFor() {
        JsonNode body = HttpProbe.json(http.post("/v1/embed",
                "{\"texts\":[\"x\"],\"model\":\"embed-english-v3.0\",\"embedding_types\":[\"float\"]}"));

        assertThat(body.get("response_type").asText()).isEqualTo("embeddings_by_type");
        assertThat(HttpProbe.floats(body.get("embeddings").get("float").get(0)))
                .containsExactly(FakeVectors.of("x", 384));
    }

    @Test
    void cohereErrorsAreAMessageAndRefuseMoreThan96Texts() {
        String texts = "\"t\"," .repeat(96) + "\"t\"";

        HttpResponse<String> response = http.post("/v1/embed", "{\"texts\":[" + texts + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HttpProbe.json(response).get("message").asText()).contains("97");
    }

    @Test
    void anUnknownPathIsNotFoundAndRecorded() {
        HttpResponse<String> response = http.post("/v1/chat/completions", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(HttpProbe.json(response).get("error").get("message").asText())
                .isEqualTo("Invalid URL (POST /v1/chat/completions)");
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.api()).isEqualTo(Api.UNKNOWN));
    }

    @Test
    void aGetOnAnEmbeddingsPathIsMethodNotAllowed() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/v1/embeddings")).GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
}
