package dev.microjobs.intake;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Job intake settings: {@code DRAFTS_QUEUE_URL}, {@code PLATFORM_FEE_BPS}, {@code DEFAULT_DRAFT_PROVIDER}. */
@ConfigurationProperties("microjobs.intake")
public class IntakeConfiguration {
    private String draftsQueueUrl;
    private int platformFeeBps;
    private String defaultDraftProvider;

    public String getDraftsQueueUrl() {
        return draftsQueueUrl;
    }

    public void setDraftsQueueUrl(String draftsQueueUrl) {
        this.draftsQueueUrl = draftsQueueUrl;
    }

    public int getPlatformFeeBps() {
        return platformFeeBps;
    }

    public void setPlatformFeeBps(int platformFeeBps) {
        this.platformFeeBps = platformFeeBps;
    }

    public String getDefaultDraftProvider() {
        return defaultDraftProvider;
    }

    public void setDefaultDraftProvider(String defaultDraftProvider) {
        this.defaultDraftProvider = defaultDraftProvider;
    }
}
