/**
 * Chaos tests: Syncline node JVMs, a Cassandra and a fake embedding provider in network namespaces of their own, with
 * real faults (kill -9, SIGSTOP, blackhole routes). Root only; nothing here sends a packet beyond loopback and the
 * namespaces and bridge a test made itself.
 */
package io.syncline.chaos;
