package io.syncline.mirrors;

import io.syncline.source.SourceCaches;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The source copies of this node, {@code <sources>/<workspace>/<source>/}, and of the others: removing a source
 * deletes its copy here and tells every other node to delete theirs ({@link MirrorJanitor}). A node that was down
 * when a source was removed keeps its copy until it has gone unused for the idle time to live, after which any
 * copy is deleted: the next job that needs it fetches it again.
 */
public final class SourceMirrors {

    static final String TOPIC = "syncline-source-mirrors";
    private static final Logger log = LoggerFactory.getLogger(SourceMirrors.class);

    private final SourceCaches caches;
    private final ActorRef<Topic.Command<MirrorRemoved>> topic;

    private SourceMirrors(SourceCaches caches, ActorRef<Topic.Command<MirrorRemoved>> topic) {
        this.caches = caches;
        this.topic = topic;
    }

    /** Starts this node's janitor: it deletes copies other nodes announce removed, and sweeps idle ones. */
    public static SourceMirrors start(ActorSystem<?> system, SourceCaches caches, Executor blocking) {
        ActorRef<Topic.Command<MirrorRemoved>> topic = system.systemActorOf(
                Topic.create(MirrorRemoved.class, TOPIC), "source-mirrors-topic", Props.empty());
        SourceMirrors mirrors = new SourceMirrors(caches, topic);
        system.systemActorOf(MirrorJanitor.create(mirrors, topic, blocking,
                MirrorSettings.fromConfig(system.settings().config())), "source-mirrors", Props.empty());
        return mirrors;
    }

    /** Deletes the source's copy here (blocking) and tells the other nodes to delete theirs. */
    public void removeEverywhere(String workspace, String source) {
        deleteLocal(workspace, source);
        topic.tell(Topic.publish(new MirrorRemoved(workspace, source)));
    }

    /** Deletes this node's copy of a source, if it has one, and the workspace's directory once it is empty. */
    void deleteLocal(String workspace, String source) {
        Path copy = caches.of(workspace, source);
        if (Files.exists(copy)) {
            deleteTree(copy);
            log.info("deleted the local copy of source '{}' of workspace '{}' ({})", source, workspace, copy);
        }
        if (children(copy.getParent()).isEmpty()) {
            deleteIfEmpty(copy.getParent());
        }
    }

    /** Deletes every copy on this node that no job used for longer than the time to live. Blocking. */
    void sweepIdle(Duration idleTtl, Instant now) {
        for (Path workspace : children(caches.root())) {
            for (Path copy : children(workspace)) {
                FileTime used = lastUsed(copy);
                if (used.toInstant().plus(idleTtl).isBefore(now)) {
                    deleteTree(copy);
                    log.info("deleted {}: unused since {}", copy, used);
                }
            }
            if (children(workspace).isEmpty() && lastUsed(workspace).toInstant().plus(idleTtl).isBefore(now)) {
                deleteIfEmpty(workspace);
            }
        }
    }

    /** Opening a source touches its directory (Sources.open), so its time is the last job's. */
    private static FileTime lastUsed(Path copy) {
        try {
            return Files.getLastModifiedTime(copy);
        } catch (IOException e) {
            return FileTime.from(Instant.EPOCH);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * A workspace's directory once its last copy is gone, unless a job has just created a copy in it: opening a
     * source creates the directories of its copy, and the sweep must not delete them under it.
     */
    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // a copy was created since the listing: the directory is in use
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
