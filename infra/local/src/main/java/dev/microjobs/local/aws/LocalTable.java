package dev.microjobs.local.aws;

/** A table as created locally. */
public record LocalTable(String logicalId, String name, String arn) {
}
