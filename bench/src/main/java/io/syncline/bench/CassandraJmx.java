package io.syncline.bench;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;

/**
 * The local Cassandra's JMX (what nodetool speaks, on 127.0.0.1 only), for flushing a table: a measurement of
 * writes is not done until the memtable, and the vector graph built in it, are on disk.
 */
final class CassandraJmx implements AutoCloseable {

    /** Set by the smoke test to the tests' Cassandra's; comes before SYNCLINE_CASSANDRA_JMX_PORT. */
    static final String PORT_PROPERTY = "syncline.bench.jmx-port";

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final int port;

    private CassandraJmx(int port) throws IOException {
        this.port = port;
        this.connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        this.server = connector.getMBeanServerConnection();
    }

    static CassandraJmx connect() {
        String configured = System.getProperty(PORT_PROPERTY, System.getenv("SYNCLINE_CASSANDRA_JMX_PORT"));
        int port = configured == null || configured.isBlank() ? 7199 : Integer.parseInt(configured.trim());
        try {
            return new CassandraJmx(port);
        } catch (IOException e) {
            throw new IllegalStateException("this benchmark flushes Cassandra's tables over its JMX, and nothing "
                    + "answered on 127.0.0.1:" + port + " (" + e.getMessage() + "); it needs the local Cassandra of "
                    + "bin/syncline, or SYNCLINE_CASSANDRA_JMX_PORT set to its JMX port", e);
        }
    }

    /** Writes the table's memtable to an SSTable and returns when it is written. */
    void flush(String keyspace, String table) throws Exception {
        server.invoke(new ObjectName("org.apache.cassandra.db:type=StorageService"), "forceKeyspaceFlush",
                new Object[] {keyspace, new String[] {table}},
                new String[] {String.class.getName(), String[].class.getName()});
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    @Override
    public String toString() {
        return "JMX on 127.0.0.1:" + port;
    }
}
