/** The SDK's typed models and pollers, seen as the plain records the lifecycle works with. */
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { Model, Poller } from "../lifecycle/contract";

export const asModel = <T>(p: PollerLike<OperationState<T>, T>) => p as unknown as Poller;
export const record = (m: object) => m as unknown as Model;

/**
 * A PATCH body for an SDK update model that holds the properties' members at its top level (its
 * serializer nests them under `properties` again), unlike the resource's model: `properties` lifted.
 */
export function liftProperties(m: Model): Record<string, unknown> {
    const { properties, ...rest } = m as { properties?: Record<string, unknown> };
    return { ...rest, ...(properties ?? {}) };
}
