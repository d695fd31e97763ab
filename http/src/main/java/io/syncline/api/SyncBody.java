package io.syncline.api;

import io.syncline.sync.SyncMode;

/** {@code POST /v1/workspaces/{ws}/syncs}: {@code {"source", "mode": "incremental"|"full", "ref"?}}. */
record SyncBody(String source, String mode, String ref) {

    SyncMode syncMode() {
        if (mode == null) {
            return SyncMode.INCREMENTAL;
        }
        try {
            return SyncMode.fromJson(mode);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("field 'mode' must be 'incremental' or 'full', was '" + mode + "'");
        }
    }
}
