package org.skillpath.assessment.assessment;

/** Who rates: the person themself, their manager, peers, or their direct reports (360). */
public enum RaterGroup {
    SELF, MANAGER, PEER, REPORT
}
