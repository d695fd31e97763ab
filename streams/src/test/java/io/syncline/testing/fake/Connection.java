package io.syncline.testing.fake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves one client connection on its own thread: reads requests one after the other (keep-alive), has each one
 * decided, waits the decided delay, then answers, hangs or resets. Every wait ends at once when the server closes.
 */
final class Connection implements Runnable {

    private final Socket socket;
    private final ExchangeHandler handler;
    private final CountDownLatch serverClosing;
    private final Consumer<Connection> onEnd;

    Connection(Socket socket, ExchangeHandler handler, CountDownLatch serverClosing,
               Consumer<Connection> onEnd) {
        this.socket = socket;
        this.handler = handler;
        this.serverClosing = serverClosing;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException e) {
            // the client went away or the server closed the socket: either way this connection is over
        } finally {
            close();
            onEnd.accept(this);
        }
    }

    private void serve() throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        HttpRequestReader reader = new HttpRequestReader(in, out);
        while (true) {
            HttpRequestMessage request;
            try {
                request = reader.read();
            } catch (BadHttpRequestException e) {
                byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                HttpResponseWriter.write(out, new Reply.Answer(e.status(),
                        Map.of("Content-Type", "text/plain; charset=utf-8"), body), true);
                return;
            }
            if (request == null) {
                return;
            }
            Decision decision = handler.decide(request);
            if (!pause(decision.delay())) {
                return;
            }
            // recorded just before acting, so that a client that has its answer (or error) finds it recorded
            decision.recordEnd();
            Reply reply = decision.reply();
            if (reply instanceof Reply.Hang) {
                waitForEitherSideToClose(in);
                return;
            }
            if (reply instanceof Reply.Reset) {
                reset();
                return;
            }
            boolean closeAfter = !request.keepAlive();
            HttpResponseWriter.write(out, (Reply.Answer) reply, closeAfter);
            if (closeAfter) {
                return;
            }
        }
    }

    /** False if the server started closing meanwhile. */
    private boolean pause(Duration delay) {
        try {
            if (delay.isZero()) {
                return serverClosing.getCount() > 0;
            }
            return !serverClosing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A hang: whatever the client sends is ignored until it closes the connection or the server closes it. */
    private static void waitForEitherSideToClose(InputStream in) throws IOException {
        byte[] ignored = new byte[1024];
        while (in.read(ignored) != -1) {
            // a client that pipelines a request behind a hung one gets no answer either
        }
    }

    /** SO_LINGER 0 makes close() send RST instead of FIN: the client sees "connection reset", not an end of stream. */
    private void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
