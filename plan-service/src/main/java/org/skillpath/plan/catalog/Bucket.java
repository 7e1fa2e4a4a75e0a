package org.skillpath.plan.catalog;

/** The three sources of development in the 70-20-10 model. */
public enum Bucket {
    /** Challenging experience on the job: about 70 %. */
    EXPERIENCE,
    /** Learning from other people (mentoring, feedback, networking): about 20 %. */
    SOCIAL,
    /** Formal learning (courses, workshops, reading): about 10 %. */
    FORMAL
}
