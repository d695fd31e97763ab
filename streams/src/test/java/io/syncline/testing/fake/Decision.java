package io.syncline.testing.fake;

import io.syncline.testing.fake.RecordedRequest.Outcome;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One request once decided: what to do, how long to wait before doing it, and where to record how it ended. */
record Decision(Reply reply, Duration delay, RequestLog log, RequestLog.Entry entry) {

    void recordEnd() {
        if (reply instanceof Reply.Answer) {
            Reply.Answer answer = (Reply.Answer) reply;
            log.ended(entry, Outcome.ANSWERED, OptionalInt.of(answer.status()), answer.retryAfterSeconds());
        } else {
            Outcome outcome = reply instanceof Reply.Hang ? Outcome.HUNG : Outcome.RESET;
            log.ended(entry, outcome, OptionalInt.empty(), OptionalLong.empty());
        }
    }
}
