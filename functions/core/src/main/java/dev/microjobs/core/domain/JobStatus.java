package dev.microjobs.core.domain;

/** Whether a job is still open for work; the other three say how it ended. */
public enum JobStatus {
    OPEN,
    COMPLETED,
    CANCELLED,
    EXPIRED
}
