package io.syncline.chaos;

import com.typesafe.config.ConfigFactory;

/**
 * A build of the node that a chaos node can run: its version (the node's app-version in the cluster) and the class
 * path its JVM starts {@code io.syncline.node.Main} with.
 *
 * @param name      what the build is, for reports ("this build", "previous release v0.1.1")
 * @param version   the project version the build was made from
 * @param classPath the JVM's {@code -cp}
 */
public record NodeBuild(String name, String version, String classPath) {

    /** The build under test: the test JVM's own class path, which holds the reactor's node. */
    public static NodeBuild current() {
        String version = ConfigFactory.parseResources("version.conf").getString("syncline.version");
        return new NodeBuild("this build", version, System.getProperty("java.class.path"));
    }

    @Override
    public String toString() {
        return name + " (" + version + ")";
    }
}
