package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's unified GC log ({@code -Xlog:gc}) says about its heap: every pause that reports the heap ends its line
 * with {@code 300M->120M(1024M) 3.456ms}, the heap before, after and committed. The heap after a collection is the
 * nearest the log comes to the live set; after a young pause it still holds the old generation's garbage, which only
 * a mixed or full collection reclaims.
 *
 * @param collections      the collections (numbered {@code GC(n)}) with a pause that reports the heap: young, mixed
 *                         and full, and concurrent cycles by their remark and cleanup
 * @param peakAfterMb      the largest heap after any of them
 * @param lastReclaimingMb the heap after the last mixed or full collection; -1 if there was none
 */
record GcLog(int collections, long peakAfterMb, long lastReclaimingMb) {

    private static final Pattern PAUSE = Pattern.compile("GC\\((\\d+)\\) (Pause .*?) \\d+M->(\\d+)M\\(\\d+M\\)");

    static GcLog read(Path file) throws IOException {
        Set<String> collections = new HashSet<>();
        long peak = 0;
        long lastReclaiming = -1;
        for (String line : Files.readAllLines(file)) {
            Matcher pause = PAUSE.matcher(line);
            if (!pause.find()) {
                continue;
            }
            long after = Long.parseLong(pause.group(3));
            collections.add(pause.group(1));
            peak = Math.max(peak, after);
            if (pause.group(2).contains("(Mixed)") || pause.group(2).startsWith("Pause Full")) {
                lastReclaiming = after;
            }
        }
        return new GcLog(collections.size(), peak, lastReclaiming);
    }
}
