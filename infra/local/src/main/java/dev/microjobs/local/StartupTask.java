package dev.microjobs.local;

import java.util.Map;

/**
 * Work to do once the stack is up and before it reports ready, such as seeding demo accounts.
 * What a task returns is added to {@link LocalStack#credentials()}, which the CLI writes to
 * {@code --credentials-out}.
 */
@FunctionalInterface
public interface StartupTask {

    /** @return entries for the credentials file; empty if the task has none */
    Map<String, Object> run(LocalStack stack) throws Exception;
}
