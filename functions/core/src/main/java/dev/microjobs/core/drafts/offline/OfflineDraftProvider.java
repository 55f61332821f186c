package dev.microjobs.core.drafts.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microjobs.core.domain.DraftProviderName;
import dev.microjobs.core.drafts.DraftProvider;
import dev.microjobs.core.drafts.DraftRequest;
import dev.microjobs.core.drafts.DraftResult;
import dev.microjobs.core.drafts.UnsupportedDraftException;

/**
 * The local default: drafts on the machine itself, with no network and no model, the same
 * draft for the same input every time. The drafts are plain text heuristics (key phrases,
 * sentence ranking, pattern matching), made to be a useful first step for a worker:
 * <ul>
 *   <li>tagline: taglines from the brief's key phrases ({@link TaglineWriter});
 *   <li>summary: an extractive summary, or a 2-minute video-script outline ({@link Summarizer});
 *   <li>chatbot-qa: the reference text's best-matching answer ({@link AnswerFinder});
 *   <li>data-entry: fields found in the document ({@link FieldExtractor}).
 * </ul>
 * Images, recordings and free-form prompts need a model, so those types get no draft.
 */
public final class OfflineDraftProvider implements DraftProvider {

    @Override
    public DraftProviderName name() {
        return DraftProviderName.OFFLINE;
    }

    @Override
    public DraftResult draft(DraftRequest request) {
        JsonNode input = request.input();
        JsonNode content = switch (request.type()) {
            case TAGLINE -> TaglineWriter.write(input);
            case SUMMARY -> Summarizer.write(input);
            case CHATBOT_QA -> AnswerFinder.write(input);
            case DATA_ENTRY -> FieldExtractor.write(input);
            case IMAGE_TAGGING -> throw new UnsupportedDraftException(
                    "the offline provider cannot see images; tagging starts from a blank page");
            case TRANSCRIPTION -> throw new UnsupportedDraftException(
                    "the offline provider cannot hear recordings; transcription starts from a blank page");
            case CUSTOM -> throw new UnsupportedDraftException(request.job().drafting().promptTemplate() == null
                    ? "a custom job has no draft without a prompt template and a model provider"
                    : "the offline provider cannot run prompts; choose the openai, bedrock or webhook provider "
                            + "to draft from this job's prompt template");
        };
        return DraftResult.of(content);
    }
}
