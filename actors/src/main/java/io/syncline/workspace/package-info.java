/**
 * The workspace entity: sharded and event-sourced, it owns a workspace's config, its sources, the revision each is
 * synced to and its sync jobs, and runs those jobs (one at a time per source) through the pipeline of module
 * streams. It must not do I/O in its event handlers; all I/O runs in the sync runner or as side effects.
 */
package io.syncline.workspace;
