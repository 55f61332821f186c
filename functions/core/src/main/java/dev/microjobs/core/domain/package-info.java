/**
 * The vocabulary of microjobs as immutable values: {@link dev.microjobs.core.domain.Money},
 * typed time-ordered ids, jobs and their tasks, and the
 * {@link dev.microjobs.core.domain.TaskState} table every task moves along. Constructors
 * enforce the invariants, so an object that exists is a valid one; storage, queues and
 * HTTP live elsewhere.
 */
package dev.microjobs.core.domain;
