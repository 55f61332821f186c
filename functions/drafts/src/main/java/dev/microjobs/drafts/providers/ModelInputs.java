package dev.microjobs.drafts.providers;

import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.UnsupportedDraftException;

/** What the model providers can take: a text prompt, and nothing else yet. */
final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * @throws UnsupportedDraftException for images and recordings: a text prompt with a link
     *     to one would only make the model guess
     */
    static void requireText(DraftRequest request, String provider) {
        switch (request.type()) {
            case IMAGE_TAGGING -> throw new UnsupportedDraftException(
                    "the " + provider + " provider sends text only and cannot see images; tagging starts from a blank page");
            case TRANSCRIPTION -> throw new UnsupportedDraftException("the " + provider
                    + " provider sends text only and cannot hear recordings; transcription starts from a blank page");
            default -> {
                // Every other type is a text task.
            }
        }
    }
}
