package org.skillpath.plan.planning;

/** Shares of a plan's effort (hours) per 70-20-10 bucket, each 0-1. */
public record Mix(double experience, double social, double formal) {
}
