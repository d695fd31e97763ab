/**
 * Remote embedding endpoints across the cluster: each node's share of every endpoint's limits, and the reports
 * nodes exchange so that a Retry-After or an open circuit seen by one holds for all. The governors themselves live
 * in module streams; nothing here calls a provider.
 */
package io.syncline.providers;
