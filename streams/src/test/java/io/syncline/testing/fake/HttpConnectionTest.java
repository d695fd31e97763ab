package io.syncline.testing.fake;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP/1.1 connection handling, seen from a raw socket: keep-alive, body framing, resets and hangs. */
class HttpConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BODY = "{\"model\":\"m\",\"input\":[\"x\"],\"dimensions\":2}";

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
    void answersSeveralRequestsOnOneKeptAliveConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, post(BODY));
            String first = readResponse(socket.getInputStream());
            send(socket, post(BODY));
            String second = readResponse(socket.getInputStream());

            assertThat(first).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("Connection: close");
            assertThat(second).startsWith("HTTP/1.1 200 OK\r\n");
        }
        assertThat(server.acceptedConnections()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void readsAChunkedBody() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String chunked = Integer.toHexString(10) + ";ext=1\r\n" + BODY.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length - 10) + "\r\n" + BODY.substring(10) + "\r\n0\r\n\r\n";
        try (Socket socket = connect()) {
            send(socket, "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + chunked);

            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");
        }
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.inputs()).containsExactly("x"));
    }

    @Test
    void closesTheConnectionAfterAnsweringWhenTheClientAsksTo() throws Exception {
        try (Socket socket = connect()) {
            send(socket, post(BODY).replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n"));
            InputStream in = socket.getInputStream();

            assertThat(readResponse(in)).contains("Connection: close\r\n");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aResetFaultResetsTheConnectionInsteadOfAnswering() throws Exception {
        server.faults(FaultPlans.always(Fault.reset()));
        try (Socket socket = connect()) {
            send(socket, post(BODY));
            server.awaitRequest(request -> request.outcome() == RecordedRequest.Outcome.RESET, WAIT);

            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void aHungRequestGetsNoByteUntilTheServerCloses() throws Exception {
        server.faults(FaultPlans.always(Fault.hang()));
        try (Socket socket = connect()) {
            send(socket, post(BODY));
            server.awaitRequest(request -> request.outcome() == RecordedRequest.Outcome.HUNG, WAIT);
            assertThat(socket.getInputStream().available()).isZero();

            server.close();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aGarbledRequestLineIsABadRequestAndEndsTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "HELLO\r\n\r\n");
            InputStream in = socket.getInputStream();

            assertThat(readResponse(in)).startsWith("HTTP/1.1 400 Bad Request");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static String post(String json) {
        return "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** One response, read exactly by its Content-Length so that the next one stays in the stream. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection ended inside a response head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
