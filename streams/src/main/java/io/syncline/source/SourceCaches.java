package io.syncline.source;

import java.nio.file.Path;

/**
 * Where this node keeps its local copies of sources (git mirrors): {@code <root>/<workspace>/<source>/}. Only a
 * cache: any node fetches again what it lacks.
 */
public record SourceCaches(Path root) {

    /** The directory of one source of one workspace. */
    public Path of(String workspace, String source) {
        return root.resolve(workspace).resolve(source);
    }
}
