package org.skillpath.plan.catalog;

/** How an activity is done; each format belongs to exactly one 70-20-10 bucket. */
public enum Format {
    COURSE(Bucket.FORMAL),
    WORKSHOP(Bucket.FORMAL),
    READING(Bucket.FORMAL),
    MENTORING(Bucket.SOCIAL),
    FEEDBACK(Bucket.SOCIAL),
    NETWORKING(Bucket.SOCIAL),
    PRACTICE(Bucket.EXPERIENCE);

    private final Bucket bucket;

    Format(Bucket bucket) {
        this.bucket = bucket;
    }

    public Bucket bucket() {
        return bucket;
    }
}
