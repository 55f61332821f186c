package dev.microjobs.core.domain;

/**
 * What an id names. The prefix makes an id self-describing in logs, URLs and support
 * tickets, and lets an id of the wrong kind be rejected before any lookup.
 */
public enum IdType {
    JOB("job"),
    TASK("task"),
    BUSINESS("biz"),
    WORKER("wkr"),
    CLAIM("clm"),
    PAYOUT("pay"),
    LEDGER_ENTRY("led"),
    EVENT("evt");

    private final String prefix;

    IdType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
