package dev.microjobs.local.aws;

/** A queue as created locally. */
public record LocalQueue(String logicalId, String name, String url, String arn) {
}
