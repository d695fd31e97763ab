/**
 * The HTTP API: one routes class per resource, composed in {@link io.syncline.api.ApiRoutes} with one exception
 * handler and one rejection handler that always answer JSON. Routes validate, ask the workspace entities and read
 * the index; they never write the index themselves.
 */
package io.syncline.api;
