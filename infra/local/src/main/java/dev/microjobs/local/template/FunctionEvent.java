package dev.microjobs.local.template;

/** An event source of a function, from its {@code Events} property. */
public sealed interface FunctionEvent permits SqsEventSource, HttpApiRoute, ScheduleEvent {

    /** The key under {@code Events}, e.g. {@code Drafts}. */
    String eventName();

    /** Where the event is written, e.g. {@code Resources.DraftsFunction.Properties.Events.Drafts}. */
    String location();
}
