package io.syncline.embedding;

import ai.onnxruntime.OrtEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives ONNX Runtime one directory of its native libraries per version under java.io.tmpdir, extracted once and
 * reused by every later start, and removes what earlier starts left there. Left alone, ONNX Runtime 1.20 makes a new
 * {@code onnxruntime-java<random>} directory at every start, copies its libraries in and asks for all of it to be
 * deleted at exit, in an order that leaves the directory behind (and everything in it after a kill -9): one more
 * directory per node start in {@code $SYNCLINE_HOME/tmp}. Told where its libraries are ({@code
 * onnxruntime.native.path}), it loads them from there; the directory it still makes stays empty and goes at exit.
 *
 * <p>The libraries are copied into a directory of a temporary name beside the target and renamed into place in one
 * step, so that JVMs starting at once on one tmpdir never load a half-written library. {@link #prepare()} must run
 * before the JVM's first use of ONNX Runtime; it never touches a directory made after this JVM started, which might
 * belong to a JVM still loading from it.
 */
public final class OnnxNatives {

    /** The system property ONNX Runtime reads for a directory that holds its libraries. */
    static final String PATH_PROPERTY = "onnxruntime.native.path";
    /** What ONNX Runtime names the directories it makes under java.io.tmpdir. */
    static final String LEFTOVER_PREFIX = "onnxruntime-java";
    private static final String STAGING_PREFIX = ".onnxruntime-";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private static final Logger log = LoggerFactory.getLogger(OnnxNatives.class);

    private static boolean prepared;

    private OnnxNatives() {
    }

    /**
     * Points ONNX Runtime at its libraries under java.io.tmpdir, extracting them if no earlier start did, unless the
     * property is set already. If that fails, ONNX Runtime unpacks them itself, as it would without this.
     */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(tmp);
            sweep(tmp, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
            extract(tmp).ifPresent(dir -> System.setProperty(PATH_PROPERTY, dir.toString()));
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot keep ONNX Runtime's native libraries in {}: it unpacks them into a directory of its own",
                    tmp, e);
        }
    }

    /**
     * The directory under {@code root} that holds this ONNX Runtime's libraries for this platform, extracted now
     * unless another JVM did it first; empty when ONNX Runtime's jar has none for this platform.
     */
    static Optional<Path> extract(Path root) throws IOException {
        String resources = "/ai/onnxruntime/native/" + platform() + "/";
        for (String library : LIBRARIES) {
            if (OrtEnvironment.class.getResource(resources + fileName(library)) == null) {
                return Optional.empty();
            }
        }
        Path target = root.resolve("onnxruntime-" + version(resources) + "-" + platform());
        // it exists only whole (renamed into place), unless something removed files from it since (a tmp cleaner)
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (complete(target, resources)) {
                return Optional.of(target);
            }
            // set it aside: a rename cannot replace a directory that is not empty
            Path broken = Files.createTempDirectory(root, STAGING_PREFIX + "broken-");
            Files.move(target, broken.resolve(target.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(broken);
        }
        Path staging = Files.createTempDirectory(root, STAGING_PREFIX);
        try {
            for (String library : LIBRARIES) {
                try (InputStream in = OrtEnvironment.class.getResourceAsStream(resources + fileName(library))) {
                    Files.copy(in, staging.resolve(fileName(library)));
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!complete(target, resources)) { // else another JVM renamed its copy into place first
                    throw e;
                }
            }
        } finally {
            deleteTree(staging);
        }
        return Optional.of(target);
    }

    /**
     * Removes ONNX Runtime's own directories and this class's staging directories that are older than {@code
     * startedBefore}: they belong to JVMs that ended, or that loaded their libraries long ago.
     */
    static void sweep(Path tmp, Instant startedBefore) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(LEFTOVER_PREFIX) || name.startsWith(STAGING_PREFIX);
        })) {
            for (Path entry : entries) {
                try {
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant()
                            .isBefore(startedBefore)) {
                        deleteTree(entry);
                    }
                } catch (IOException e) {
                    log.debug("cannot remove {}", entry, e); // another JVM's sweep got there first, or a file in use
                }
            }
        }
    }

    /** Both libraries are there with the sizes they have in the jar. */
    private static boolean complete(Path dir, String resources) throws IOException {
        for (String library : LIBRARIES) {
            Path file = dir.resolve(fileName(library));
            if (!Files.isRegularFile(file)) {
                return false;
            }
            URL resource = OrtEnvironment.class.getResource(resources + fileName(library));
            long size = resource.openConnection().getContentLengthLong();
            if (size >= 0 && Files.size(file) != size) {
                return false;
            }
        }
        return true;
    }

    /** The version in ONNX Runtime's jar manifest, else a digest of its main library: one directory per build. */
    private static String version(String resources) throws IOException {
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        if (version != null && version.matches("[A-Za-z0-9._-]+")) {
            return version;
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(OrtEnvironment.class.getResourceAsStream(resources
                + fileName(LIBRARIES.get(0))), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256-" + HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }

    /** The platform directory ONNX Runtime's jar keeps its libraries in, named as ONNX Runtime names it. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
                : os.contains("nux") ? "linux" : os;
        String archName = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch;
        return osName + "-" + archName;
    }

    private static String fileName(String library) {
        return System.mapLibraryName(library).replace("jnilib", "dylib");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
