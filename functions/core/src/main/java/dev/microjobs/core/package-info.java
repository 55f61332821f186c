/**
 * The microjobs domain: jobs, tasks, money, the task state machine, the ports that
 * storage and queues sit behind, and the use cases. Nothing here imports AWS: the
 * module has no AWS dependency, so the compiler keeps it that way.
 */
package dev.microjobs.core;
