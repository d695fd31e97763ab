/**
 * Who may call the API: API keys (their secrets, roles and scopes), the check of a request's key with a short
 * cache, and the first admin key. Nothing here knows routes; {@code io.syncline.api} asks it who is calling.
 */
package io.syncline.auth;
