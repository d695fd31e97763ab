/**
 * The runnable node: configuration, wiring of Cassandra, sharding, the HTTP API and pekko-management, readiness,
 * coordinated shutdown, and the demo. Nothing below imports from here.
 */
package io.syncline.node;
