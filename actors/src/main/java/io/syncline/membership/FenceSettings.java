package io.syncline.membership;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The write fence's settings, read once from {@code syncline.fence} (defaults in reference.conf).
 *
 * @param maxPause       a freeze longer than this closes the fence for good (default: the resolver's stable-after)
 * @param tick           how often the watchdog looks at the clock
 * @param haltAfterPause whether the JVM then halts (on for nodes; off where a JVM hosts more than a node, as tests)
 */
public record FenceSettings(Duration maxPause, Duration tick, boolean haltAfterPause) {

    public static FenceSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.fence");
        return new FenceSettings(c.getDuration("max-pause"), c.getDuration("tick"), c.getBoolean("halt-after-pause"));
    }
}
