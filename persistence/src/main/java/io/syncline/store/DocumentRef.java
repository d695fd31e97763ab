package io.syncline.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Where one document of one source lives in one index generation of a workspace. The generation is a hash of the
 * workspace's embedding and chunking config, so two configs never share rows.
 */
public record DocumentRef(String workspace, String generation, String source, String path) {

    /**
     * Documents partitions per source and generation: a million-chunk workspace has a few hundred thousand
     * documents at most, which makes partitions of tens of thousands of small rows.
     */
    public static final int BUCKETS = 16;

    public int bucket() {
        return bucketOf(path);
    }

    public static int bucketOf(String path) {
        CRC32 crc = new CRC32();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % BUCKETS);
    }

    /** The value searches filter a generation of a workspace by. */
    public String filterIndex() {
        return filterIndex(workspace, generation);
    }

    public static String filterIndex(String workspace, String generation) {
        return workspace + "/" + generation;
    }

    /** Every directory above the document, each ending in '/': "a/b/c.md" is in "a/" and "a/b/". */
    public Set<String> directories() {
        Set<String> dirs = new LinkedHashSet<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            dirs.add(path.substring(0, slash + 1));
        }
        return dirs;
    }
}
