/**
 * The workspace entity: sharded and event-sourced, it owns a workspace's config, its sources, the revision each is
 * synced to and its sync jobs, and runs those jobs (one at a time per source) through the pipeline of module
 * streams. It must not do I/O in its event handlers; all I/O runs in the sync runner or as side effects.
 *
 * <p>The protocol is {@link io.syncline.workspace.WorkspaceCommand} (replies: {@code WorkspaceView}, {@code JobView},
 * {@code JobViews}, {@link io.syncline.workspace.Rejection}), the journal {@link io.syncline.workspace.WorkspaceEvent}
 * with its own value types ({@code IndexSettings}, {@code SourceDefinition}, {@code JobMode}, {@code JobCheckpoint},
 * {@code JobCounts}), the state {@link io.syncline.workspace.WorkspaceState}, the behaviour
 * {@link io.syncline.workspace.WorkspaceEntity}. Their schema versions live in {@code io.syncline.workspace.journal}.
 */
package io.syncline.workspace;
