package io.syncline.testing.fake;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.syncline.testing.fake.RecordedRequest.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** LangChain4j 1.19's OpenAI client against the fake: normal answers, and how each fault reaches the caller. */
class OpenAiClientAgainstFakeServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> TEXTS = List.of("class Foo {}", "def bar(): pass", "SELECT 1;");

    private FakeEmbeddingServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeEmbeddingServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void embedsAListOfTextsWithDeterministicVectorsOfTheRequestedDimension() {
        OpenAiEmbeddingModel model = model(Duration.ofSeconds(10));

        Response<List<Embedding>> first = model.embedAll(segments(TEXTS));
        Response<List<Embedding>> second = model.embedAll(segments(TEXTS));

        assertThat(first.content()).hasSize(3);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(first.content().get(i).vector()).containsExactly(FakeVectors.of(TEXTS.get(i), 384));
            assertThat(second.content().get(i).vector()).containsExactly(first.content().get(i).vector());
        }
        assertThat(first.tokenUsage().inputTokenCount()).isPositive();
        assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.api()).isEqualTo(Api.OPEN_AI);
            assertThat(request.model()).isEqualTo("text-embedding-3-small");
            assertThat(request.inputs()).isEqualTo(TEXTS);
            assertThat(request.inputCount()).isEqualTo(3);
            assertThat(request.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(request.status()).hasValue(200);
        });
    }

    @Test
    void theClientReusesItsConnection() {
        OpenAiEmbeddingModel model = model(Duration.ofSeconds(10));

        for (int i = 0; i < 5; i++) {
            model.embed("again " + i);
        }

        assertThat(server.requests()).hasSize(5);
        assertThat(server.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsSurfacesAsRateLimitAndRetryAfterWasSent() {
        server.faults(FaultPlans.always(Fault.tooManyRequests(Duration.ofSeconds(7))));

        assertThatThrownBy(() -> model(Duration.ofSeconds(10)).embedAll(segments(TEXTS)))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("rate_limit_exceeded");
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.status()).hasValue(429);
            assertThat(request.retryAfterSeconds()).hasValue(7);
        });
    }

    @Test
    void serverErrorsSurfaceAsInternalServerExceptions() {
        OpenAiEmbeddingModel model = model(Duration.ofSeconds(10));

        for (int status : new int[] {500, 502, 503}) {
            server.faults(FaultPlans.always(Fault.status(status)));

            assertThatThrownBy(() -> model.embed("x")).as("status " + status)
                    .isInstanceOf(InternalServerException.class);
        }
        assertThat(server.requests()).extracting(request -> request.status().getAsInt())
                .containsExactly(500, 502, 503);
    }

    @Test
    void unauthorizedSurfacesAsAnAuthenticationError() {
        server.faults(FaultPlans.always(Fault.status(401)));

        assertThatThrownBy(() -> model(Duration.ofSeconds(10)).embed("x"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aHangMakesTheClientsOwnTimeoutFire() throws Exception {
        server.faults(FaultPlans.always(Fault.hang()));

        assertThatThrownBy(() -> model(Duration.ofMillis(500)).embed("never answered"))
                .isInstanceOf(TimeoutException.class);
        RecordedRequest hung = server.awaitRequest(request -> request.outcome() == Outcome.HUNG, WAIT);
        assertThat(hung.inputs()).containsExactly("never answered");
        assertThat(hung.status()).isEmpty();
        assertThat(hung.answeredAt()).isEmpty();
    }

    @Test
    void aResetSurfacesAsAnIoErrorNotAsATimeout() {
        server.faults(FaultPlans.always(Fault.reset()));

        Throwable thrown = catchThrowable(() -> model(Duration.ofSeconds(30)).embed("x"));

        assertThat(thrown).isNotNull().isNotInstanceOf(TimeoutException.class);
        assertThat(thrown).hasRootCauseInstanceOf(IOException.class);
        // the JDK client does not retry a POST: one request, reset once
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.outcome()).isEqualTo(Outcome.RESET));
    }

    @Test
    void malformedJsonSurfacesAsAnException() {
        server.faults(FaultPlans.always(Fault.malformedJson()));

        assertThatThrownBy(() -> model(Duration.ofSeconds(10)).embedAll(segments(TEXTS)))
                .hasStackTraceContaining("Unexpected end-of-input");
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.status()).hasValue(200));
    }

    @Test
    void aWrongDimensionGoesThroughUncheckedByTheClient() {
        server.faults(FaultPlans.always(Fault.wrongDimension(17)));

        List<Embedding> embeddings = model(Duration.ofSeconds(10)).embedAll(segments(TEXTS)).content();

        assertThat(embeddings).hasSize(3).allSatisfy(embedding -> assertThat(embedding.dimension()).isEqualTo(17));
    }

    @Test
    void aRefusedInputIsABadRequestNamingItsIndex() {
        server.faults(FaultPlans.rejectInputsContaining("SELECT"));

        assertThatThrownBy(() -> model(Duration.ofSeconds(10)).embedAll(segments(TEXTS)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("input[2]");
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.status()).hasValue(400);
            assertThat(request.fault()).isEqualTo(Fault.rejectInput(2));
        });
    }

    @Test
    void latencyAndDelayAreWaitedBeforeAnswering() {
        server.latency(Duration.ofMillis(150));
        server.faults(FaultPlans.forFirst(1, Fault.delay(Duration.ofMillis(100))));
        OpenAiEmbeddingModel model = model(Duration.ofSeconds(10));

        model.embed("slow");
        model.embed("less slow");

        List<RecordedRequest> requests = server.requests();
        assertThat(answerNanos(requests.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(answerNanos(requests.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
    }

    private static long answerNanos(RecordedRequest request) {
        return request.answeredNanos().getAsLong() - request.arrivedNanos();
    }

    private OpenAiEmbeddingModel model(Duration timeout) {
        return OpenAiModels.against(server, timeout);
    }

    private static List<TextSegment> segments(List<String> texts) {
        return texts.stream().map(TextSegment::from).toList();
    }
}
