package io.syncline.chaos;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifests the two releases of a rolling upgrade write their workspace events under. The previous release
 * (0.1.1) writes the bare class name, {@code io.syncline.workspace.WorkspaceEntity$SyncProgressed}; this build
 * (0.2.0) moves the events to {@code WorkspaceEvent} and versions each, {@code ...WorkspaceEvent$SyncProgressed#1},
 * and writes {@code #2} of the checkpoint event under {@code syncline.journal.format = 2}.
 */
final class EventManifests {

    static final String PREVIOUS_RELEASE = "io.syncline.workspace.WorkspaceEntity$";
    static final String THIS_BUILD = "io.syncline.workspace.WorkspaceEvent$";

    private static final Pattern SYNC_PROGRESSED = Pattern.compile(Pattern.quote(THIS_BUILD)
            + "SyncProgressed#(\\d+)");

    private EventManifests() {
    }

    /** An event's name as the previous release writes it. */
    static boolean ofPreviousRelease(String manifest) {
        return manifest.startsWith(PREVIOUS_RELEASE) && !manifest.contains("#");
    }

    /** An event's name as this build writes it: the new class, with a version. */
    static boolean ofThisBuild(String manifest) {
        return manifest.startsWith(THIS_BUILD) && manifest.matches(".*#\\d+");
    }

    /** The format of a checkpoint event this build wrote; empty for any other event. */
    static Optional<Integer> syncProgressedFormat(String manifest) {
        Matcher matcher = SYNC_PROGRESSED.matcher(manifest);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }
}
