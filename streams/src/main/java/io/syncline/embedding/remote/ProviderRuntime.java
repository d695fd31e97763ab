package io.syncline.embedding.remote;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Scheduler;
import scala.concurrent.ExecutionContextExecutor;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What governors need from the node: the settings, the dispatcher blocking provider calls run on, a scheduler for
 * delays, and the clock.
 */
public record ProviderRuntime(ProviderSettings settings, Executor calls, Scheduler classicScheduler,
                              ExecutionContextExecutor timers) {

    public static ProviderRuntime of(ActorSystem system, Executor calls, ProviderSettings settings) {
        return new ProviderRuntime(settings, calls, system.scheduler(), system.dispatcher());
    }

    long nanoTime() {
        return System.nanoTime();
    }

    void after(Duration delay, Runnable task) {
        classicScheduler.scheduleOnce(delay, task, timers);
    }
}
