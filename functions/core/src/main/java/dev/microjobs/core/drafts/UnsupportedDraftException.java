package dev.microjobs.core.drafts;

/**
 * The provider cannot draft this kind of task at all (the offline provider and an image,
 * say). Nothing is wrong with the provider, so this neither retries nor trips a breaker.
 */
public class UnsupportedDraftException extends DraftProviderException {

    public UnsupportedDraftException(String reason) {
        super(reason, false, null, null);
    }
}
