package io.syncline.workspace;

import io.syncline.serialization.CborSerializable;

import java.util.List;

/** Several jobs as one reply (the jobs a dead-letter retry queued): a bare list could not cross nodes. */
public record JobViews(List<JobView> jobs) implements CborSerializable {

    public JobViews {
        jobs = List.copyOf(jobs);
    }
}
