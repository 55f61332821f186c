/**
 * What happened to tasks and jobs, told to businesses: events ({@code evt_...}) stored for the
 * pull feed and the delivery log, queued for the notifier, and delivered as Standard Webhooks
 * signed with the business's secret, retried on an exponential schedule for up to 24 hours.
 */
package dev.microjobs.core.events;
