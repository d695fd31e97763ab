package io.syncline.embedding.remote;

import java.util.ArrayDeque;
import java.util.Deque;

/** The calls an endpoint sent in the last minute, for its status: requests, tokens, 429s seen so far. */
final class CallLog {

    private static final long MINUTE = 60_000_000_000L;

    private record Sent(long at, int tokens) {
    }

    private final Deque<Sent> sent = new ArrayDeque<>();
    private long rateLimited;

    void sent(long now, int tokens) {
        sent.addLast(new Sent(now, tokens));
        forget(now);
    }

    void rateLimited() {
        rateLimited++;
    }

    int requestsInLastMinute(long now) {
        forget(now);
        return sent.size();
    }

    long tokensInLastMinute(long now) {
        forget(now);
        return sent.stream().mapToLong(Sent::tokens).sum();
    }

    long rateLimitedResponses() {
        return rateLimited;
    }

    private void forget(long now) {
        while (!sent.isEmpty() && now - sent.peekFirst().at() > MINUTE) {
            sent.removeFirst();
        }
    }
}
