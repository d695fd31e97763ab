package io.syncline.testing.fake;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.syncline.testing.fake.RecordedRequest.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's life: its record of requests, reset, concurrency and close. */
class FakeEmbeddingServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void closeEndsAHungRequestWithAnErrorForItsClient() throws Exception {
        server.faults(FaultPlans.always(Fault.hang()));
        OpenAiEmbeddingModel model = model(Duration.ofSeconds(60));
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> model.embed("stuck"));
        server.awaitRequest(request -> request.outcome() == Outcome.HUNG, WAIT);
        assertThat(call).isNotDone();

        server.close();

        // the client's own 60 s timeout would be a TimeoutException; this is the closed connection
        assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(TimeoutException.class);
    }

    @Test
    void closeEndsEveryThreadOfTheServer() throws Exception {
        server.faults(FaultPlans.always(Fault.hang()));
        CompletableFuture.runAsync(() -> model(Duration.ofSeconds(60)).embed("stuck"));
        server.awaitRequest(request -> request.outcome() == Outcome.HUNG, WAIT);
        String prefix = "fake-embeddings-" + server.port() + "-";
        assertThat(threadsNamed(prefix)).isNotEmpty();

        server.close();

        assertThat(threadsNamed(prefix)).isEmpty();
    }

    @Test
    void listensOnLoopbackUnlessGivenAnotherAddress() throws Exception {
        assertThat(server.openAiBaseUrl()).startsWith("http://127.0.0.1:");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (FakeEmbeddingServer elsewhere = FakeEmbeddingServer.start(other)) {
            assertThat(elsewhere.openAiBaseUrl()).isEqualTo("http://127.0.0.2:" + elsewhere.port() + "/v1");
            assertThat(OpenAiModels.against(elsewhere, WAIT).embed("hello").content().dimension()).isEqualTo(384);
            assertThat(elsewhere.requests()).hasSize(1);
            // only that address: the same port on 127.0.0.1 is not this server
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), elsewhere.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void refusesToListenOnTheWildcard() {
        assertThatThrownBy(() -> FakeEmbeddingServer.start(InetAddress.getByName("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedServerRefusesConnections() {
        HttpProbe http = new HttpProbe(server);
        server.close();
        server.close();

        assertThatThrownBy(() -> http.post("/v1/embeddings", "{}")).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void closeEndsAnAnswerThatIsStillWaitingOutItsLatency() throws Exception {
        server.latency(Duration.ofMinutes(10));
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> model(Duration.ofMinutes(5)).embed("x"));
        server.awaitRequest(request -> true, WAIT);

        server.close();

        assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.outcome()).isEqualTo(Outcome.PENDING));
    }

    @Test
    void resetForgetsRequestsAndLiftsPlanRateLimitAndLatency() {
        HttpProbe http = new HttpProbe(server);
        server.dimensions(8).rateLimit(1).latency(Duration.ofMillis(1)).faults(FaultPlans.always(Fault.status(500)));
        http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"a\"}");
        http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"b\"}");

        server.reset();
        HttpResponse<String> first = http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"c\"}");
        HttpResponse<String> second = http.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"d\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(server.requests()).extracting(RecordedRequest::sequence).containsExactly(1L, 2L);
        assertThat(server.requests()).extracting(RecordedRequest::inputs)
                .containsExactly(List.of("c"), List.of("d"));
        assertThat(server.dimensions()).as("the dimension is configuration, kept by reset").isEqualTo(8);
    }

    @Test
    void concurrentRequestsAreRecordedInArrivalOrderWithRisingTimes() throws Exception {
        OpenAiEmbeddingModel model = model(WAIT);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String text = "text " + i;
                calls.add(clients.submit(() -> model.embed(text)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }

        List<RecordedRequest> requests = server.awaitEnded(64, WAIT);
        assertThat(requests).extracting(RecordedRequest::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 64).boxed().toList());
        for (int i = 1; i < requests.size(); i++) {
            assertThat(requests.get(i).arrivedNanos()).isGreaterThanOrEqualTo(requests.get(i - 1).arrivedNanos());
            assertThat(requests.get(i).arrivedAt()).isAfterOrEqualTo(requests.get(i - 1).arrivedAt());
        }
        assertThat(requests).flatExtracting(RecordedRequest::inputs).hasSize(64).doesNotHaveDuplicates();
    }

    @Test
    void aFaultPlanThatThrowsAnswers500AndSaysWhy() {
        server.faults(request -> {
            throw new IllegalStateException("plan bug");
        });

        HttpResponse<String> response = new HttpProbe(server).post("/v1/embeddings",
                "{\"model\":\"m\",\"input\":\"a\"}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("plan bug");
    }

    private OpenAiEmbeddingModel model(Duration timeout) {
        return OpenAiModels.against(server, timeout);
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
