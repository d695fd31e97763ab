package io.syncline.mirrors;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How long an unused source copy is kept, and how often a node looks, read once from {@code syncline.sources}.
 *
 * @param idleTtl       a copy no job used for this long is deleted (it is fetched again when needed)
 * @param sweepInterval how often the node looks for such copies (also once at start)
 */
public record MirrorSettings(Duration idleTtl, Duration sweepInterval) {

    public static MirrorSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.sources");
        return new MirrorSettings(c.getDuration("mirror-idle-ttl"), c.getDuration("mirror-sweep-interval"));
    }
}
