package org.skillpath.assessment.framework;

/** A version is ACTIVE (offered for new assessments) until retired; retired versions stay readable for history. */
public enum FrameworkStatus {
    ACTIVE, RETIRED
}
