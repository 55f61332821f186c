package dev.microjobs.drafts.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * @param modelId a Bedrock model or inference profile id; blank when Bedrock is not set up
 * @param region blank for the function's own AWS_REGION
 * @param endpointOverride null for the region's Bedrock endpoint (tests point it at a stub)
 */
public record BedrockSettings(String modelId, String region, URI endpointOverride, Duration timeout) {

    public BedrockSettings {
        modelId = modelId == null ? "" : modelId.strip();
        region = region == null ? "" : region.strip();
        Objects.requireNonNull(timeout, "timeout is required");
    }
}
